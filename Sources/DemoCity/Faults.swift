import Domain
extension CityGenerator {
    /// Plants deliberate defects into rows. Every defect makes the row fail a rule of `CATALOG.md`.
    enum Faults {
        /// The kinds that can be planted in a dataset (duplicates are handled by the sink).
        static func applicableKinds(_ schema: DatasetSchema) -> [FaultKind] {
            var kinds: [FaultKind] = [.badCheckCharacter, .badLength, .forbiddenLetter, .duplicate]
            if schema.fields.contains(where: { $0.required && $0.kind != .uscc && $0.name != "record_id" }) {
                kinds.append(.missingRequired)
            }
            if schema.fields.contains(where: { $0.isDateLike && !$0.isExpiry }) {
                kinds.append(contentsOf: [.futureDate, .malformedDate])
            }
            if schema.fields.contains(where: { if case .choice = $0.kind { true } else { false } }) {
                kinds.append(.invalidEnum)
            }
            if schema.fields.contains(where: \.isNumber) { kinds.append(.negativeAmount) }
            return kinds
        }

        /// Values outside each enumerated field's set, as real exports get them wrong (never a catalog label such as 电 or
        /// 制造业, which the platform accepts for its code).
        static func invalidChoices(dataset: String, field: String) -> [String] {
            switch (dataset, field) {
            case (_, "entity_type"): ["事业单位", "外商投资企业", "个人独资"]
            case (_, "industry"): ["Z", "U", "C13", "制造"]
            case (_, "scale"): ["特大型", "小微", "个体"]
            case (_, "status"): ["在业", "开业", "存续（在营、开业、在册）"]
            case (_, "severity"): ["较重", "重大", "较轻"]
            case ("tax.rating", "grade"): ["E", "AA", "A+", "未评"]
            case ("env.rating", "grade"): ["优秀", "较差", "绿牌"]
            case (_, "utility"): ["电费", "coal", "steam", "sewage"]
            case (_, "role"): ["被执行人", "申请人", "上诉人"]
            case (_, "list_type"): ["grey", "white", "灰名单"]
            case (_, "level"): ["乡镇", "国际", "街道"]
            case ("tech.qualification", "kind"): ["瞪羚企业", "独角兽企业", "技术先进型服务企业"]
            case ("ip.patent", "kind"): ["集成电路布图设计", "植物新品种", "软件著作权"]
            default: ["未知"]
            }
        }

        /// Breaks `row` (record_id first) in the way `kind` says.
        static func apply(_ kind: FaultKind, to row: inout [String], schema: DatasetSchema, asOf: CivilDay, _ rng: inout Xoshiro256) {
            let usccColumn = 1
            switch kind {
            case .badCheckCharacter:
                var chars = Array(row[usccColumn])
                guard let last = chars.last else { return }
                var replacement = last
                while replacement == last { replacement = rng.pick(USCC.alphabet) }
                chars[chars.count - 1] = replacement
                row[usccColumn] = String(chars)
            case .badLength:
                var chars = Array(row[usccColumn])
                if rng.chance(0.5), !chars.isEmpty {
                    chars.remove(at: rng.below(chars.count))
                } else {
                    chars.insert(rng.pick(USCC.alphabet), at: rng.below(chars.count + 1))
                }
                row[usccColumn] = String(chars)
            case .forbiddenLetter:
                var chars = Array(row[usccColumn])
                guard chars.count == 18 else { return }
                chars[rng.int(8...16)] = rng.chance(0.5) ? "I" : "O"
                row[usccColumn] = String(chars)
            case .missingRequired:
                let candidates = schema.fields.indices.filter {
                    schema.fields[$0].required && $0 > usccColumn && !row[$0].isEmpty
                }
                guard !candidates.isEmpty else { return }
                row[rng.pick(candidates)] = ""
            case .futureDate:
                let candidates = schema.fields.indices.filter {
                    schema.fields[$0].isDateLike && !schema.fields[$0].isExpiry && (schema.fields[$0].required || !row[$0].isEmpty)
                }
                guard !candidates.isEmpty else { return }
                let column = rng.pick(candidates)
                switch schema.fields[column].kind {
                case .month: row[column] = (asOf.month + rng.int(1...12)).text
                case .year: row[column] = String(asOf.year + rng.int(1...2))
                default: row[column] = (asOf + rng.int(1...400)).text
                }
            case .malformedDate:
                let candidates = schema.fields.indices.filter {
                    schema.fields[$0].isDateLike && !schema.fields[$0].isExpiry && !row[$0].isEmpty
                }
                guard !candidates.isEmpty else { return }
                let column = rng.pick(candidates)
                row[column] = malformed(row[column], kind: schema.fields[column].kind, &rng)
            case .invalidEnum:
                let candidates = schema.fields.indices.filter {
                    if case .choice = schema.fields[$0].kind { !row[$0].isEmpty } else { false }
                }
                guard !candidates.isEmpty else { return }
                let column = rng.pick(candidates)
                row[column] = rng.pick(invalidChoices(dataset: schema.id, field: schema.fields[column].name))
            case .negativeAmount:
                let candidates = schema.fields.indices.filter { schema.fields[$0].isNumber }
                guard !candidates.isEmpty else { return }
                let column = rng.pick(candidates)
                let value = row[column]
                if value.isEmpty || value == "0" || value == "0.00" {
                    row[column] = schema.fields[column].kind == .integer ? "-\(rng.int(1...20))" : "-" + Format.cents(rng.int(100...500_000))
                } else {
                    row[column] = "-" + value
                }
            case .duplicate:
                return
            }
        }

        /// A date-like text in a wrong shape; never a valid value of its kind.
        static func malformed(_ text: String, kind: Column.Kind, _ rng: inout Xoshiro256) -> String {
            let parts = text.split(separator: "-").map(String.init)
            let year = parts.first ?? "2024"
            let month = parts.count > 1 ? parts[1] : "03"
            let day = parts.count > 2 ? parts[2] : "15"
            let m = String(Int(month) ?? 3)
            let d = String(Int(day) ?? 15)
            switch kind {
            case .year:
                return rng.pick([String(year.suffix(2)), year + "年", year + "0"])
            case .month:
                return rng.pick([year + "/" + month, year + month, year + "-13", year + "年" + m + "月", month + "/" + year])
            default:
                return rng.pick([year + "/" + month + "/" + day, year + month + day, year + "-13-" + day,
                                 day + "/" + month + "/" + year, year + "年" + m + "月" + d + "日", year + "-02-30"])
            }
        }
    }
}
