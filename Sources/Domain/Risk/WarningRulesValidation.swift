/// The checks a warning-rules file must pass before it is used, each problem as a Chinese sentence.
extension WarningRules {
    /// Every problem of the file, in order; empty when it can be used.
    func problems() -> [String] {
        var out: [String] = []
        if versions.isEmpty { out.append("贷后预警规则文件中没有任何版本") }
        var seen: Set<Int> = []
        for version in versions {
            if !seen.insert(version.version).inserted { out.append("贷后预警规则第 \(version.version) 版重复出现") }
            out += version.problems().map { "贷后预警规则第 \(version.version) 版\($0)" }
        }
        return out
    }
}

extension WarningRules.Version {
    static let taxGrades = ["A", "B", "M", "C", "D"]

    func problems() -> [String] {
        var out: [String] = []
        if effectiveDay == nil { out.append("的生效日期“\(effectiveFrom)”不是 YYYY-MM-DD") }

        let scored = SignalCode.allCases.filter { $0 != .newPenalty }.map(\.rawValue)
        for code in scored where points[code] == nil { out.append("缺少信号“\(code)”的分值") }
        for code in points.keys.sorted() where !scored.contains(code) {
            out.append(code == SignalCode.newPenalty.rawValue ? "的行政处罚分值应按严重程度写在 penaltyPoints 中"
                                                              : "含有未知的信号代码“\(code)”")
        }
        for severity in PenaltySeverity.allCases where penaltyPoints[severity.rawValue] == nil {
            out.append("缺少“\(severity.label)”行政处罚的分值")
        }
        for key in penaltyPoints.keys.sorted() where PenaltySeverity(rawValue: key) == nil {
            out.append("含有未知的处罚严重程度“\(key)”")
        }
        for (code, value) in (points.merging(penaltyPoints) { a, _ in a }).sorted(by: { $0.key < $1.key }) where !(0...100).contains(value) {
            out.append("中“\(code)”的分值 \(value) 不在 0 到 100 之间")
        }

        for grade in warningTaxGrades where !Self.taxGrades.contains(grade) {
            out.append("的预警纳税信用等级“\(grade)”不是 A、B、M、C、D 之一")
        }
        if minimumArrearsCents < 1 { out.append("的欠费起算金额应至少为 1 分") }
        if !(headcountDropPercent > 0 && headcountDropPercent <= 100) { out.append("的参保人数降幅阈值应大于 0 且不超过 100") }
        if headcountMinimumBefore < 1 { out.append("的参保人数基数应至少为 1 人") }
        if !(consumptionDropPercent > 0 && consumptionDropPercent <= 100) { out.append("的用能量降幅阈值应大于 0 且不超过 100") }
        if consumptionBaselineMonths < 1 { out.append("的用能量基期应至少为 1 个月") }
        if overdueDaysAtLeast < 1 { out.append("的逾期天数阈值应至少为 1 天") }
        if countingDays < 1 { out.append("的信号计分期限应至少为 1 天") }

        let banded = WarningLevel.allCases.filter { $0 != .green }
        for level in banded where levelFloors[level.rawValue] == nil { out.append("缺少\(level.label)色等级的起点分数") }
        for key in levelFloors.keys.sorted() where !banded.map(\.rawValue).contains(key) {
            out.append("的等级起点中含有未知等级“\(key)”（绿色为其余分数，不需起点）")
        }
        let floors = banded.compactMap { levelFloors[$0.rawValue] }
        if floors.count == banded.count,
           !(floors.allSatisfy { (1...100).contains($0) } && zip(floors, floors.dropFirst()).allSatisfy { $0 < $1 }) {
            out.append("的等级起点应在 1 到 100 之间，且蓝、黄、橙、红依次升高")
        }

        for level in WarningLevel.allCases {
            let ack = acknowledgeDays[level.rawValue], resolve = resolveDays[level.rawValue]
            if ack == nil { out.append("缺少\(level.label)色预警的签收期限") }
            if resolve == nil { out.append("缺少\(level.label)色预警的处置反馈期限") }
            if let ack, ack < 0 { out.append("的\(level.label)色预警签收期限不能为负数") }
            if let ack, let resolve, resolve < ack { out.append("的\(level.label)色预警处置反馈期限不能短于签收期限") }
        }
        for key in Set(acknowledgeDays.keys).union(resolveDays.keys).sorted() where WarningLevel(rawValue: key) == nil {
            out.append("的响应期限中含有未知等级“\(key)”")
        }
        if escalateAfterDays < 0 { out.append("的升级宽限天数不能为负数") }
        return out
    }
}
