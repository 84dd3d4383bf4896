import Domain
extension CityGenerator {
    /// Legitimate corrections a department re-sends under the same record_id: a fine corrected, a case
    /// closed, a listing lifted, a payment arriving late. The amended row stays valid and differs.
    enum Amendments {
        static func amend(_ row: inout [String], schema: DatasetSchema, asOf: CivilDay, _ rng: inout Xoshiro256) -> Bool {
            let before = row
            func column(_ name: String) -> Int { schema.column(name) ?? 0 }
            func day(_ name: String) -> CivilDay? { parseDay(row[column(name)]) }
            /// Fills an empty end date (removal, closure) some time after `from`, if that is still in the past.
            func fillEnd(_ field: String, after from: String, minDays: Int, maxDays: Int) -> Bool {
                guard row[column(field)].isEmpty, let start = day(from) else { return false }
                let end = start + rng.int(minDays...maxDays)
                guard end <= asOf else { return false }
                row[column(field)] = end.text
                return true
            }
            func scaleAmount(_ field: String, _ low: Double, _ high: Double) {
                let c = column(field)
                guard let value = Double(row[c]), value > 0 else {
                    row[c] = Format.cents(rng.int(10_000...500_000))
                    return
                }
                row[c] = Format.yuan(value * rng.uniform(low, high))
            }

            switch schema.id {
            case "market.registration":
                switch rng.below(3) {
                case 0:
                    let district = Dalian.districts.first { $0.code == row[column("district")] } ?? Dalian.districts[0]
                    row[column("address")] = Names.address(district: district, rural: false, &rng)
                case 1: scaleAmount("reg_capital_wan", 1.5, 5)
                default:
                    let male = rng.chance(0.7)
                    row[column("legal_rep")] = Names.person(male: male, &rng)
                    let birth = asOf - rng.int((28 * 365)...(60 * 365))
                    row[column("legal_rep_id")] = IDNumbers.resident(birth: birth, male: male, &rng)
                }
            case "market.abnormal", "judicial.dishonest":
                if !fillEnd("removed_on", after: "listed_on", minDays: 15, maxDays: 240) {
                    row[column("removed_on")] = ""
                }
            case "credit.list":
                if !fillEnd("removed_on", after: "listed_on", minDays: 30, maxDays: 400) {
                    row[column("reason")] += "（已更正）"
                }
            case "admin.penalty":
                if row[column("amount")].isEmpty {
                    row[column("violation")] += "（更正）"
                } else {
                    scaleAmount("amount", 0.5, 0.95)
                }
            case "admin.license":
                guard let until = day("valid_until") else { return false }
                row[column("valid_until")] = until.addingYears(rng.int(3...5)).text
            case "tax.rating":
                let grade = column("grade")
                row[grade] = switch row[grade] {
                case "C": "B"
                case "B": "C"
                case "A": "B"
                case "D": "C"
                default: "B"
                }
            case "tax.payment":
                if let arrears = Double(row[column("arrears")]), arrears > 0, rng.chance(0.6) {
                    row[column("arrears")] = "0.00"
                } else {
                    scaleAmount("tax_paid", 1.05, 1.6)
                }
            case "social.insurance", "housing.fund":
                let c = column(schema.id == "social.insurance" ? "insured_count" : "depositor_count")
                let count = Int(row[c]) ?? 0
                row[c] = String(max(0, count + (rng.chance(0.5) || count == 0 ? rng.int(1...3) : -1)))
            case "utility.payment":
                if row[column("amount_paid")] != row[column("amount_due")] {
                    row[column("amount_paid")] = row[column("amount_due")]
                    row[column("days_late")] = String((Int(row[column("days_late")]) ?? 0) + rng.int(5...40))
                } else {
                    scaleAmount("amount_due", 0.9, 0.99)
                    row[column("amount_paid")] = row[column("amount_due")]
                }
            case "judicial.case":
                if row[column("closed_on")].isEmpty {
                    row[column("outcome")] = rng.pick(["调解结案", "准许撤诉"])
                    if !fillEnd("closed_on", after: "filed_on", minDays: 20, maxDays: 200) {
                        row[column("closed_on")] = asOf.text
                    }
                } else {
                    scaleAmount("amount", 0.8, 1.2)
                }
            case "credit.commitment":
                if !fillEnd("breached_on", after: "signed_on", minDays: 30, maxDays: 700) {
                    row[column("breached_on")] = ""
                    row[column("kind")] = "信易贷融资信用承诺"
                }
            case "honor.award":
                row[column("authority")] = row[column("authority")].hasPrefix("大连市") ? "大连市人民政府" : "辽宁省人民政府"
            case "tech.qualification":
                guard let certified = day("certified_on") else { return false }
                row[column("valid_until")] = (certified.addingYears(3) - 1).text
            case "ip.patent":
                let kind = column("kind")
                row[kind] = row[kind] == "实用新型" ? "发明" : "实用新型"
            case "env.rating":
                let grade = column("grade")
                row[grade] = row[grade] == "良好" ? "环保诚信" : "良好"
            default:
                return false
            }
            return row != before
        }

        /// Parses `YYYY-MM-DD` with the platform's rules; nil for anything else.
        static func parseDay(_ text: String) -> CivilDay? { Day(iso: text).map(CivilDay.init) }
    }
}
