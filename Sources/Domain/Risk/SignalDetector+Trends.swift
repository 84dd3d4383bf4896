/// The signals that compare amounts, grades, headcounts and consumption rather than ids.
extension SignalDetector {
    static func arrears(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, _ v: WarningRules.Version,
                        into out: inout SignalSink) {
        let kinds: [(SignalCode, String, KeyPath<MonitoringSnapshot, Cents>)] = [
            (.taxArrears, "欠税", \.taxArrears),
            (.socialInsuranceArrears, "社会保险费欠缴", \.socialInsuranceArrears),
            (.housingFundArrears, "住房公积金欠缴", \.housingFundArrears),
            (.utilityArrears, "水电气费欠缴", \.utilityArrears),
        ]
        for (code, name, path) in kinds {
            let old = before[keyPath: path], new = after[keyPath: path]
            guard new.value >= v.minimumArrearsCents, new > old else { continue }
            let text = old.isPositive
                ? "\(name)金额增加 \((new - old).yuanText)（\(old.yuanText) → \(new.yuanText)）"
                : "出现\(name)，金额 \(new.yuanText)"
            out.add(code, .arrears(before: old, after: new), text)
        }
    }

    /// A grade among the warning grades that is new or worse than the one before (A, B, M, C, D from best to worst).
    static func taxGrade(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, _ v: WarningRules.Version,
                         into out: inout SignalSink) {
        guard let new = after.taxGrade?.trimmingSpaces(), v.warningTaxGrades.contains(new) else { return }
        let old = before.taxGrade?.trimmingSpaces()
        let order = WarningRules.Version.taxGrades
        if let old, let was = order.firstIndex(of: old), let now = order.firstIndex(of: new), now <= was { return }
        let text = old.map { "纳税信用等级由 \($0) 级降为 \(new) 级" } ?? "纳税信用等级评为 \(new) 级"
        out.add(.taxGradeDrop, .taxGrade(before: old, after: new), text)
    }

    static func headcount(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, _ v: WarningRules.Version,
                          into out: inout SignalSink) {
        guard let old = before.insuredHeadcount, let new = after.insuredHeadcount, old >= v.headcountMinimumBefore,
              new < old, WarningText.reaches(Int64(old - new), of: Int64(old), percent: v.headcountDropPercent) else { return }
        out.add(.headcountDrop, .headcount(before: old, after: new),
                "参保人数较上期下降 \(WarningText.percent(Int64(old - new), of: Int64(old)))（\(old) → \(new)）")
    }

    /// A month newer than any in `before`, at least the threshold below the average of the months right before it.
    static func consumption(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, _ v: WarningRules.Version,
                            into out: inout SignalSink) {
        let months = monthlyTotals(after.consumption)
        guard let latest = months.keys.max(), latest > (before.consumption.map(\.index).max() ?? Int.min),
              let quantity = months[latest] else { return }
        let n = v.consumptionBaselineMonths
        let window = (latest - n)..<latest
        guard window.allSatisfy({ months[$0] != nil }) else { return }
        let total = window.reduce(Int64(0)) { $0 + (months[$1] ?? 0) }
        let drop = total - quantity * Int64(n)
        guard total > 0, drop > 0, WarningText.reaches(drop, of: total, percent: v.consumptionDropPercent) else { return }
        let year = latest / 12, month = latest % 12 + 1
        out.add(.consumptionDrop,
                .consumption(year: year, month: month, quantity: quantity, baselineTotal: total, baselineMonths: n),
                "\(WarningText.month(year: year, month: month))\(after.consumptionName) \(quantity)，较前 \(n) 个月平均 "
                + "\(WarningText.average(total, over: n)) 下降 \(WarningText.percent(drop, of: total))")
    }

    /// Quantities added up per month index.
    static func monthlyTotals(_ usage: [MonitoringSnapshot.MonthlyUsage]) -> [Int: Int64] {
        usage.reduce(into: [:]) { $0[$1.index, default: 0] += $1.quantity }
    }
}
