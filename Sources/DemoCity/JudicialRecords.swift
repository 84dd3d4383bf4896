extension CityGenerator {
    /// A dishonest-debtor listing as other datasets see it.
    struct DishonestFact: Sendable {
        let listed: CivilDay
        let removed: CivilDay?
    }

    /// `judicial.case` and `judicial.dishonest` (法院): weak firms are sued and lose; the worst do not pay
    /// and are listed as dishonest debtors (失信被执行人).
    enum JudicialRecords {
        static let defendantCauses = ["买卖合同纠纷", "买卖合同纠纷", "租赁合同纠纷", "金融借款合同纠纷", "民间借贷纠纷",
                                      "劳动争议", "追索劳动报酬纠纷", "服务合同纠纷", "承揽合同纠纷"]
        static let plaintiffCauses = ["买卖合同纠纷", "买卖合同纠纷", "服务合同纠纷", "承揽合同纠纷", "租赁合同纠纷", "侵害商标权纠纷"]
        static let thirdPartyCauses = ["案外人执行异议之诉", "债权人代位权纠纷", "股东损害公司债权人利益责任纠纷"]

        static func cause(_ firm: Firm, role: Int, _ rng: inout Xoshiro256) -> String {
            switch (role, firm.section.letter) {
            case (2, _): rng.pick(thirdPartyCauses)
            case (_, "E") where rng.chance(0.5): "建设工程施工合同纠纷"
            case (_, "G") where rng.chance(0.4): "运输合同纠纷"
            case (0, "I"), (0, "M"): rng.chance(0.3) ? "技术服务合同纠纷" : rng.pick(plaintiffCauses)
            case (1, "C") where rng.chance(0.15): "产品责任纠纷"
            case (0, _): rng.pick(plaintiffCauses)
            default: rng.pick(defendantCauses)
            }
        }

        /// `（2024）辽0211民初1234号`.
        static func caseNumber(_ firm: Firm, year: Int, kind: String, _ rng: inout Xoshiro256) -> String {
            let court = kind == "民终" ? "辽02" : firm.place.courtCode
            let limit = kind == "执" ? 9_000 : 24_000
            return "（\(year)）\(court)\(kind)\(rng.int(1...limit))号"
        }

        /// One case of `firm` in `role` (0 原告, 1 被告, 2 第三人) filed on `filed`; `lost` tells whether a
        /// judgment or settlement went against a defendant.
        static func record(_ firm: Firm, filed: CivilDay, role: Int, asOf: CivilDay, _ rng: inout Xoshiro256) -> (row: [String], closed: CivilDay?, lost: Bool) {
            let cause = cause(firm, role: role, &rng)
            let labour = cause == "劳动争议" || cause == "追索劳动报酬纠纷"
            // A bank sues over a loan, which is larger than a trade debt.
            let median = labour ? 30_000 : (cause == "金融借款合同纠纷" ? 400_000 : 60_000) * firm.scale.exposure * firm.scale.exposure
            let amountCents = Format.toCents(rng.logNormal(median: median, sigma: 1))
            let appeal = rng.chance(0.08)
            let number = caseNumber(firm, year: filed.year, kind: appeal ? "民终" : "民初", &rng)
            let closedDay = filed + 25 + Int(rng.exponential(mean: 130))
            guard closedDay <= asOf else {
                return ([firm.uscc, number, filed.text, DemoCatalog.roles[role], cause, Format.cents(amountCents), "", ""], nil, false)
            }
            let outcome: String
            var lost = false
            if role == 1 {
                let loses = 0.45 + 0.4 * (1 - firm.health)
                let u = rng.uniform()
                if u < loses * 0.65 {
                    outcome = rng.chance(0.7) ? "判决支持原告诉讼请求" : "判决部分支持原告诉讼请求"
                    lost = true
                } else if u < loses {
                    outcome = "调解结案"
                    lost = true
                } else {
                    outcome = rng.pick(["判决驳回原告诉讼请求", "准许撤诉", "裁定驳回起诉"])
                }
            } else if role == 0 {
                let wins = 0.5 + 0.35 * firm.health
                outcome = rng.chance(wins) ? rng.pick(["判决支持诉讼请求", "判决部分支持诉讼请求", "调解结案"]) : rng.pick(["判决驳回诉讼请求", "准许撤诉"])
            } else {
                outcome = rng.pick(["判决驳回诉讼请求", "调解结案", "准许撤诉"])
            }
            return ([firm.uscc, number, filed.text, DemoCatalog.roles[role], cause, Format.cents(amountCents), closedDay.text, outcome], closedDay, lost)
        }

        /// A dishonest-debtor listing following a lost case closed on `closed` over `amountCents`.
        static func dishonest(_ firm: Firm, closed: CivilDay, amountCents: Int, cause: String, asOf: CivilDay, _ rng: inout Xoshiro256) -> (row: [String], fact: DishonestFact)? {
            let listed = closed + rng.int(60...240)
            guard listed <= asOf else { return nil }
            var removed: CivilDay?
            if rng.chance(0.2 + 0.5 * firm.health) {
                let day = listed + rng.int(90...500)
                if day <= asOf { removed = day }
            }
            let sum = Format.grouped(amountCents)
            let obligation: String = switch cause {
            case "劳动争议", "追索劳动报酬纠纷": "支付劳动者工资及经济补偿金\(sum)元"
            case "金融借款合同纠纷", "民间借贷纠纷": "偿还借款本金\(sum)元及利息"
            case "租赁合同纠纷": "支付租金\(sum)元及违约金"
            default: "给付货款\(sum)元及逾期付款利息，并负担案件受理费"
            }
            let number = caseNumber(firm, year: listed.year, kind: "执", &rng)
            // The creditor is drawn from a stream of its own, so the rest of the firm's court records stay as they were.
            var own = Xoshiro256(seed: UInt64(truncatingIfNeeded: listed.number), item: firm.serial, stream: 97)
            let creditor = creditor(cause: cause, &own)
            let court = firm.place.isCountyLevel ? "\(firm.place.name)人民法院" : "大连市\(firm.place.name)人民法院"
            return ([firm.uscc, number, listed.text, removed?.text ?? "", obligation, creditor.name, creditor.type,
                     Format.cents(amountCents), court], DishonestFact(listed: listed, removed: removed))
        }

        static let banks = ["大连银行股份有限公司", "中国工商银行股份有限公司大连分行", "中国建设银行股份有限公司大连分行",
                            "中国邮政储蓄银行股份有限公司大连分行", "盛京银行股份有限公司大连分行"]
        static let ruralBanks = ["大连农村商业银行股份有限公司", "大连金州联丰村镇银行股份有限公司"]
        static let lenders = ["大连市中山区融信小额贷款有限公司", "大连高新区汇通小额贷款有限公司"]
        static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "孙", "于", "曲"]

        /// The applicant for enforcement (申请执行人) of a case of `cause`, with the type a court records.
        static func creditor(cause: String, _ rng: inout Xoshiro256) -> (name: String, type: String) {
            switch cause {
            case "金融借款合同纠纷":
                if rng.chance(0.8) { return (rng.pick(banks), "银行") }
                guard rng.chance(0.6) else { return (rng.pick(lenders), "小额贷款公司") }
                let name = rng.pick(ruralBanks)
                return (name, name.contains("村镇") ? "村镇银行" : "农村商业银行")
            case "民间借贷纠纷":
                return rng.chance(0.3) ? (rng.pick(lenders), "小额贷款公司") : (rng.pick(surnames) + "某某", "自然人")
            case "劳动争议", "追索劳动报酬纠纷":
                return (rng.pick(surnames) + "某某", "自然人")
            default:
                return ("大连" + rng.pick(["恒远", "广信", "瑞丰", "金港", "盛达", "海通"]) + rng.pick(["贸易", "物资", "建材", "机电"]) + "有限公司", "企业")
            }
        }

        static func forFirm(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> (cases: [[String]], dishonest: [(row: [String], fact: DishonestFact)]) {
            guard let span = timeline.activeSpan(firm) else { return ([], []) }
            let years = Double(span.to.number - span.from.number) / 365.25
            let lack = 1 - firm.health
            let exposure = firm.scale.exposure * (firm.type == .individual ? 0.4 : 1)
            var filings: [(CivilDay, Int)] = []
            for (role, rate) in [(1, 0.02 + 0.9 * pow3(lack)), (0, 0.07 * (0.4 + firm.health)), (2, 0.008)] {
                for _ in 0..<rng.poisson(rate * exposure * years) {
                    // A firm can still be sued after it stops trading.
                    filings.append((rng.day(span.from, role == 1 ? timeline.asOf : span.to), role))
                }
            }
            filings.sort { $0.0 < $1.0 }
            var cases: [[String]] = []
            var listings: [(row: [String], fact: DishonestFact)] = []
            let listChance = 0.9 * clamp((0.3 - firm.health) / 0.3, 0, 1)
            for (filed, role) in filings {
                let (row, closed, lost) = record(firm, filed: filed, role: role, asOf: timeline.asOf, &rng)
                cases.append(row)
                if lost, let closed, rng.chance(listChance),
                   let listing = dishonest(firm, closed: closed, amountCents: Format.toCents(Double(row[5]) ?? 0), cause: row[4], asOf: timeline.asOf, &rng) {
                    listings.append(listing)
                }
            }
            return (cases, listings)
        }
    }
}
