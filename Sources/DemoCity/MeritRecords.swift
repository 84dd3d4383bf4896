import Foundation

extension CityGenerator {
    /// `honor.award`, `tech.qualification`, `ip.patent` and `env.rating`: recognition for healthy,
    /// innovative firms and environmental ratings for industrial ones.
    enum MeritRecords {
        /// Titles by level (国家, 省, 市, 区县); `{区}` is the firm's district. Some titles carry ASCII quotes
        /// as many exports do, which CSV must escape.
        static let honours: [[(title: String, authority: String)]] = [
            [("全国守合同重信用企业", "国家市场监督管理总局"), ("全国五一劳动奖状", "中华全国总工会"),
             ("国家知识产权示范企业", "国家知识产权局"), ("国家级绿色工厂", "工业和信息化部")],
            [("辽宁省\"守合同重信用\"企业", "辽宁省市场监督管理局"), ("辽宁省和谐劳动关系AAA级企业", "辽宁省人力资源和社会保障厅"),
             ("辽宁省优秀民营企业", "辽宁省工商业联合会"), ("辽宁省知识产权优势企业", "辽宁省知识产权局")],
            [("大连市\"守合同重信用\"企业", "大连市市场监督管理局"), ("大连市优秀民营企业", "大连市工商业联合会"),
             ("大连市和谐劳动关系示范企业", "大连市人力资源和社会保障局"), ("大连市文明单位", "大连市精神文明建设指导委员会"),
             ("大连市安全生产标准化达标企业", "大连市应急管理局")],
            [("{区}纳税贡献奖", "{区}人民政府"), ("{区}优秀企业", "{区}人民政府"), ("{区}诚信经营示范单位", "{区}市场监督管理局")],
        ]

        static func honour(_ firm: Firm, level: Int, awarded: CivilDay, _ rng: inout Xoshiro256) -> [String] {
            let (title, authority) = rng.pick(honours[level])
            let place = firm.place.isCountyLevel ? firm.place.name : "大连市" + firm.place.name
            return [firm.uscc, title.replacingOccurrences(of: "{区}", with: place), DemoCatalog.honourLevels[level], awarded.text,
                    authority.replacingOccurrences(of: "{区}", with: place)]
        }

        static func honourLevel(_ firm: Firm, _ rng: inout Xoshiro256) -> Int {
            let national = firm.scale == .large ? 0.12 : 0.02
            return rng.weighted([national, 0.12, 0.36, 0.5])
        }

        static func honours(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [[String]] {
            guard let span = timeline.activeSpan(firm), firm.type != .individual else { return [] }
            let merit = clamp((firm.health - 0.5) * 2, 0, 1) * (0.5 + firm.integrity)
            let years = Double(span.to.number - span.from.number) / 365.25
            let count = rng.poisson(0.3 * merit * firm.scale.exposure * years)
            return (0..<count).map { _ in rng.day(span.from, span.to) }.sorted().map { day in
                honour(firm, level: honourLevel(firm, &rng), awarded: day, &rng)
            }
        }

        // MARK: Technology qualifications

        static func qualification(_ firm: Firm, kind: Int, certified: CivilDay) -> [String] {
            let until: CivilDay = switch kind {
            case 2: CivilDay(year: certified.year, month: 12, day: 31)  // 科技型中小企业: one calendar year
            default: certified.addingYears(3) - 1
            }
            return [firm.uscc, DemoCatalog.techKinds[kind], certified.text, until.text]
        }

        static func qualifications(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [[String]] {
            guard firm.type == .enterprise, let span = timeline.activeSpan(firm) else { return [] }
            let v = firm.innovation
            var rows: [(CivilDay, [String])] = []
            // 科技型中小企业: evaluated every year, registered March–September.
            if firm.scale != .large, rng.chance(0.9 * pow(v, 1.5)) {
                for year in span.from.year...span.to.year where rng.chance(0.85) {
                    let day = rng.day(CivilDay(year: year, month: 3, day: 1), CivilDay(year: year, month: 9, day: 30))
                    if day >= span.from, day <= span.to { rows.append((day, qualification(firm, kind: 2, certified: day))) }
                }
            }
            // 高新技术企业: certified in November–December for three years.
            let age = Double(timeline.asOf.number - firm.established.number) / 365.25
            if age > 1.5, rng.chance(pow(clamp((v - 0.45) / 0.55, 0, 1), 1.2) * (firm.scale == .micro ? 0.4 : 1)) {
                let year = rng.int((timeline.asOf.year - 3)...(timeline.asOf.year - 1))
                let day = rng.day(CivilDay(year: year, month: 11, day: 1), CivilDay(year: year, month: 12, day: 25))
                if day > firm.established + 365, day <= timeline.asOf { rows.append((day, qualification(firm, kind: 0, certified: day))) }
            }
            // 专精特新: healthy small and medium firms with a niche.
            if firm.scale == .small || firm.scale == .medium, firm.health > 0.5,
               rng.chance(0.5 * clamp((v - 0.55) / 0.45, 0, 1)) {
                let day = rng.day(max(firm.established + 730, timeline.asOf - 3 * 365), timeline.asOf)
                if day <= timeline.asOf { rows.append((day, qualification(firm, kind: 1, certified: day))) }
            }
            return rows.sorted { $0.0 < $1.0 }.map(\.1)
        }

        // MARK: Patents

        static func patent(_ firm: Firm, kind: Int, granted: CivilDay, _ rng: inout Xoshiro256) -> [String] {
            let applied = granted - (kind == 0 ? rng.int(500...1_200) : rng.int(120...400))
            let number = IDNumbers.patent(year: applied.year, kindDigit: kind + 1, serial: rng.below(10_000_000))
            return [firm.uscc, number, DemoCatalog.patentKinds[kind], granted.text]
        }

        static func patentKind(_ firm: Firm, _ rng: inout Xoshiro256) -> Int {
            switch firm.section.letter {
            case "I": rng.weighted([0.7, 0.2, 0.1])
            case "M": rng.weighted([0.5, 0.45, 0.05])
            default: rng.weighted([0.25, 0.6, 0.15])
            }
        }

        static func patents(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [[String]] {
            guard firm.type == .enterprise else { return [] }
            let technical = ["C", "I", "M"].contains(firm.section.letter) ? 1.0 : 0.1
            let count = rng.poisson(technical * pow3(firm.innovation) * firm.scale.exposure * 5)
            guard count > 0 else { return [] }
            let from = max(firm.established + 200, timeline.asOf - 10 * 365)
            let to = firm.lastActiveDay(asOf: timeline.asOf)
            guard to > from else { return [] }
            return (0..<count).map { _ in rng.day(from, to) }.sorted().map { day in
                patent(firm, kind: patentKind(firm, &rng), granted: day, &rng)
            }
        }

        // MARK: Environmental credit

        static func isEnvRated(_ firm: Firm) -> Bool {
            firm.type == .enterprise && firm.section.isIndustrial && (firm.scale != .micro || firm.serial % 5 == 0)
        }

        static func envGrade(_ firm: Firm, penalised: Bool, _ rng: inout Xoshiro256) -> String {
            let score = 0.7 * firm.integrity + 0.3 * firm.health + rng.normal(mean: 0, sd: 0.08) - (penalised ? 0.3 : 0)
            return score >= 0.78 ? "环保诚信" : (score >= 0.45 ? "良好" : (score >= 0.28 ? "警示" : "不良"))
        }

        static func envRatings(_ firm: Firm, _ timeline: Timeline, penalties: [PenaltyFact], _ rng: inout Xoshiro256) -> [[String]] {
            guard isEnvRated(firm) else { return [] }
            return timeline.ratingYears.compactMap { year in
                let yearEnd = CivilDay(year: year, month: 12, day: 31)
                guard firm.established.year < year, (firm.closedOn.map { $0 > yearEnd } ?? true) else { return nil }
                let penalised = penalties.contains { $0.authority == PenaltyRecords.environment && $0.day.year == year }
                return [firm.uscc, String(year), envGrade(firm, penalised: penalised, &rng)]
            }
        }
    }
}
