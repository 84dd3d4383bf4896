extension CityGenerator {
    /// `credit.list` (发改委/信用中心) and `credit.commitment`.
    enum CreditRecords {
        static let commission = "大连市发展和改革委员会"

        static let redLists: [(authority: String, reason: String)] = [
            ("大连市市场监督管理局", "“守合同重信用”企业公示"),
            (commission, "诚信典型企业"),
            ("大连市人力资源和社会保障局", "劳动保障守法诚信企业"),
            ("国家税务总局大连市税务局", "纳税信用A级纳税人"),
        ]

        static func record(_ firm: Firm, type: String, listed: CivilDay, removed: CivilDay?, authority: String, reason: String) -> [String] {
            [firm.uscc, type, listed.text, removed?.text ?? "", authority, reason]
        }

        /// A removal some time after listing, if it already happened.
        static func removal(after listed: CivilDay, chance: Double, minDays: Int, maxDays: Int, asOf: CivilDay, _ rng: inout Xoshiro256) -> CivilDay? {
            guard rng.chance(chance) else { return nil }
            let day = listed + rng.int(minDays...maxDays)
            return day <= asOf ? day : nil
        }

        /// Black, watch and red listings that follow from a firm's other records.
        static func forFirm(_ firm: Firm, _ timeline: Timeline, penalties: [PenaltyFact], dishonest: [DishonestFact],
                            abnormal: [(listed: CivilDay, lifted: Bool)], grades: [String], _ rng: inout Xoshiro256) -> [[String]] {
            let asOf = timeline.asOf
            var rows: [(CivilDay, [String])] = []
            for p in penalties where p.severity == 2 && rng.chance(0.5) {
                let listed = p.day + rng.int(7...60)
                guard listed <= asOf else { continue }
                let removed = removal(after: listed, chance: 0.3, minDays: 365, maxDays: 900, asOf: asOf, &rng)
                let body = PenaltyRecords.authorities[p.authority].cityBody
                let reason = p.authority == PenaltyRecords.tax ? "重大税收违法失信主体：" + p.violation : "严重违法失信：" + p.violation + "，受到严重行政处罚"
                rows.append((listed, record(firm, type: "black", listed: listed, removed: removed, authority: body, reason: reason)))
            }
            for d in dishonest where rng.chance(0.8) {
                let listed = d.listed + rng.int(3...30)
                guard listed <= asOf else { continue }
                let removed = d.removed.map { max($0 + rng.int(1...20), listed + 1) }.flatMap { $0 <= asOf ? $0 : nil }
                rows.append((listed, record(firm, type: "black", listed: listed, removed: removed, authority: commission, reason: "被人民法院列为失信被执行人")))
            }
            let general = penalties.filter { $0.severity == 1 }
            let watchTrigger: (CivilDay, String)? = if let a = abnormal.first(where: { !$0.lifted }), a.listed >= timeline.start {
                (a.listed, "被列入经营异常名录")
            } else if general.count >= 2 {
                (general[1].day, "一年内受到两次以上行政处罚")
            } else {
                nil
            }
            if let (trigger, reason) = watchTrigger, rng.chance(0.5) {
                let listed = trigger + rng.int(10...90)
                if listed <= asOf {
                    let removed = removal(after: listed, chance: 0.35, minDays: 90, maxDays: 400, asOf: asOf, &rng)
                    rows.append((listed, record(firm, type: "watch", listed: listed, removed: removed, authority: commission, reason: "重点关注对象：" + reason)))
                }
            }
            if penalties.isEmpty, dishonest.isEmpty, firm.integrity > 0.78, firm.health > 0.55,
               let span = timeline.activeSpan(firm), rng.chance(0.35) {
                var choice = rng.below(redLists.count)
                if choice == redLists.count - 1, !grades.contains("A") { choice = 0 }
                let listed = rng.day(span.from, span.to)
                let removed = removal(after: listed, chance: 0.2, minDays: 365, maxDays: 730, asOf: asOf, &rng)
                rows.append((listed, record(firm, type: "red", listed: listed, removed: removed,
                                            authority: redLists[choice].authority, reason: redLists[choice].reason)))
            }
            return rows.sorted { $0.0 < $1.0 }.map(\.1)
        }

        static let commitmentKinds = ["信易贷融资信用承诺", "审批替代型信用承诺", "行业自律型信用承诺", "主动型信用承诺"]
        static let repairKind = "信用修复型信用承诺"

        static func commitment(_ firm: Firm, signed: CivilDay, kind: String, asOf: CivilDay, _ rng: inout Xoshiro256) -> [String] {
            let lack = 1 - firm.integrity
            var breached = ""
            if rng.chance(0.01 + 0.5 * lack * lack) {
                let day = signed + rng.int(30...700)
                if day <= asOf { breached = day.text }
            }
            let number = "大信承〔\(signed.year)〕" + IDNumbers.pad(rng.below(1_000_000), 6) + "号"
            return [firm.uscc, number, signed.text, kind, breached]
        }

        /// Commitments signed on the platform and, after a penalty, for credit repair.
        static func commitments(_ firm: Firm, _ timeline: Timeline, penalties: [PenaltyFact], _ rng: inout Xoshiro256) -> [[String]] {
            guard let span = timeline.activeSpan(firm) else { return [] }
            var signed: [(CivilDay, String)] = []
            let share = firm.type == .enterprise ? (firm.scale == .micro ? 0.4 : 0.6) : 0.2
            if rng.chance(share) {
                for _ in 0..<(1 + rng.poisson(0.4)) {
                    signed.append((rng.day(span.from, span.to), rng.pick(commitmentKinds)))
                }
            }
            for p in penalties where p.severity > 0 && rng.chance(0.4) {
                let day = p.day + rng.int(90...400)
                if day <= timeline.asOf { signed.append((day, repairKind)) }
            }
            return signed.sorted { $0.0 < $1.0 }.map { commitment(firm, signed: $0.0, kind: $0.1, asOf: timeline.asOf, &rng) }
        }
    }
}
