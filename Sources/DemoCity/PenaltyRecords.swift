import Domain
import Foundation

extension CityGenerator {
    /// A penalty as other datasets see it (black list, tax grade, credit repair commitment).
    struct PenaltyFact: Sendable {
        let day: CivilDay
        let severity: Int
        let authority: Int
        let violation: String
    }

    /// `admin.penalty`: administrative penalties, more often and more severe for firms of low integrity.
    enum PenaltyRecords {
        struct Authority: Sendable {
            /// Issuing body; `{区}` is replaced by the firm's district.
            let name: String
            /// Decision-number pattern; `{简}` is the district's abbreviation, `{年}` the year, `{号}` a serial.
            let number: String
            /// Body that keeps the black list for this authority's serious cases.
            let cityBody: String
            let violations: [String]
        }

        static let market = 0, tax = 1, environment = 2, safety = 3

        static let authorities: [Authority] = [
            Authority(name: "大连市{区}市场监督管理局", number: "大{简}市监罚〔{年}〕{号}号", cityBody: "大连市市场监督管理局",
                      violations: ["销售不符合食品安全标准的食品", "未按规定公示年度报告", "发布虚假广告", "使用未经检定的计量器具",
                                   "销售侵犯注册商标专用权的商品", "未取得许可从事经营活动", "不执行政府定价", "生产销售不合格产品"]),
            Authority(name: "国家税务总局大连市{区}税务局", number: "大{简}税稽罚〔{年}〕{号}号", cityBody: "国家税务总局大连市税务局",
                      violations: ["未按规定期限办理纳税申报和报送纳税资料", "未按规定开具发票", "逃避缴纳税款", "虚开增值税专用发票", "未按规定保管账簿凭证"]),
            Authority(name: "大连市生态环境局", number: "大环罚〔{年}〕{号}号", cityBody: "大连市生态环境局",
                      violations: ["超标排放大气污染物", "建设项目未依法报批环境影响评价文件擅自开工建设", "未按规定贮存危险废物",
                                   "未按规定安装污染物自动监测设备", "工业噪声排放超标"]),
            Authority(name: "大连市{区}应急管理局", number: "（大{简}）应急罚〔{年}〕{号}号", cityBody: "大连市应急管理局",
                      violations: ["未按规定对从业人员进行安全生产教育和培训", "未建立事故隐患排查治理制度", "特种作业人员未持证上岗",
                                   "安全设备未进行经常性维护、保养"]),
            Authority(name: "大连市{区}人力资源和社会保障局", number: "大{简}人社监罚〔{年}〕{号}号", cityBody: "大连市人力资源和社会保障局",
                      violations: ["未依法缴纳社会保险费", "拖欠劳动者工资", "未依法与劳动者订立书面劳动合同", "违反工作时间和休息休假规定"]),
            Authority(name: "大连市住房和城乡建设局", number: "大住建罚〔{年}〕{号}号", cityBody: "大连市住房和城乡建设局",
                      violations: ["未取得施工许可证擅自施工", "违反建设工程质量管理规定", "转包、违法分包工程"]),
            Authority(name: "大连市交通运输局", number: "大交执罚〔{年}〕{号}号", cityBody: "大连市交通运输局",
                      violations: ["未取得道路运输经营许可擅自从事经营", "车辆超限超载运输", "未按规定对运输车辆进行维护和检测"]),
            Authority(name: "大连市{区}消防救援大队", number: "大{简}消行罚决字〔{年}〕{号}号", cityBody: "大连市消防救援支队",
                      violations: ["消防设施、器材未保持完好有效", "占用、堵塞、封闭疏散通道", "公众聚集场所未经消防安全检查擅自投入使用"]),
            Authority(name: "大连市{区}城市管理局", number: "大{简}城管罚〔{年}〕{号}号", cityBody: "大连市城市管理局",
                      violations: ["擅自设置户外广告设施", "占用城市道路经营", "随意倾倒建筑垃圾"]),
            Authority(name: "大连市{区}卫生健康局", number: "大{简}卫罚〔{年}〕{号}号", cityBody: "大连市卫生健康委员会",
                      violations: ["公共场所卫生指标不符合标准", "未取得卫生许可证从事经营", "医疗机构超范围执业"]),
        ]

        /// Which authority penalises a firm, by industry section.
        static func authorityWeights(section letter: String) -> [Double] {
            var w: [Double] = [4, 2, 0, 0, 1, 0, 0, 0.8, 0.6, 0]
            switch letter {
            case "B": w[2] += 2; w[3] += 3
            case "C": w[2] += 2.5; w[3] += 2
            case "D": w[2] += 2; w[3] += 1.5
            case "E": w[3] += 2; w[5] += 3; w[8] += 1
            case "F": w[0] += 2
            case "G": w[6] += 3; w[3] += 1
            case "H": w[9] += 1.5; w[7] += 1.5; w[2] += 0.5; w[8] += 0.5
            case "K": w[5] += 1.5
            case "O": w[9] += 1
            case "Q": w[9] += 3
            case "R": w[7] += 1
            default: break
            }
            return w
        }

        /// Fills `{区}` and `{简}` of a pattern for one district.
        static func fill(_ pattern: String, district: District) -> String {
            pattern.replacingOccurrences(of: "{区}", with: district.name)
                .replacingOccurrences(of: "{简}", with: district.short)
        }

        /// Issuing bodies by authority and district, filled once.
        static let bodyNames: [[String]] = authorities.map { a in Dalian.districts.map { fill(a.name, district: $0) } }
        /// Decision-number heads (before the bracketed year) by authority and district.
        static let numberHeads: [[String]] = authorities.map { a in
            let head = a.number.components(separatedBy: "〔").first ?? a.number
            return Dalian.districts.map { fill(head, district: $0) }
        }

        static func decisionNumber(authority: Int, district: Int, year: Int, serial: Int) -> String {
            numberHeads[authority][district] + "〔" + String(year) + "〕" + String(serial) + "号"
        }

        /// Severity drawn from integrity: 0 轻微, 1 一般, 2 严重.
        static func severity(_ firm: Firm, _ rng: inout Xoshiro256) -> Int {
            let serious = 0.02 + 0.15 * (1 - firm.integrity) * (1 - firm.integrity)
            let u = rng.uniform()
            return u < serious ? 2 : (u < serious + 0.35 ? 1 : 0)
        }

        /// One penalty decision of `firm` on `day`.
        static func record(_ firm: Firm, on day: CivilDay, severity: Int, authority: Int, _ rng: inout Xoshiro256) -> (row: [String], fact: PenaltyFact) {
            let body = authorities[authority]
            let violation = rng.pick(body.violations)
            let scale = firm.scale.exposure
            let type: String
            var cents = 0
            switch severity {
            case 0:
                if rng.chance(0.6) {
                    type = "警告"
                } else {
                    type = "罚款"
                    cents = Format.roundYuan(rng.uniform(200, 5_000) * scale, step: 100)
                }
            case 1:
                let fine = Format.roundYuan(rng.logNormal(median: 15_000, sigma: 0.7) * scale, step: 500)
                switch rng.below(20) {
                case 0..<12: type = "罚款"; cents = fine
                case 12..<17: type = "罚款、没收违法所得"; cents = fine + Format.toCents(rng.uniform(500, 40_000))
                default: type = "警告、罚款"; cents = fine
                }
            default:
                let fine = Format.roundYuan(rng.logNormal(median: 250_000, sigma: 0.8) * scale, step: 1_000)
                switch rng.below(20) {
                case 0..<8: type = "罚款"; cents = fine
                case 8..<13: type = "罚款、没收违法所得"; cents = fine + Format.toCents(rng.uniform(10_000, 800_000))
                case 13..<17: type = "责令停产停业、罚款"; cents = fine
                case 17..<19: type = "吊销许可证件"
                default: type = "暂扣许可证件、罚款"; cents = fine
                }
            }
            let row = [firm.uscc, decisionNumber(authority: authority, district: firm.district, year: day.year, serial: rng.int(1...2_400)),
                       day.text, bodyNames[authority][firm.district], DemoCatalog.severities[severity],
                       violation, type, cents > 0 ? Format.cents(cents) : ""]
            return (row, PenaltyFact(day: day, severity: severity, authority: authority, violation: violation))
        }

        /// The penalties a firm received during the window, in date order.
        static func forFirm(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [(row: [String], fact: PenaltyFact)] {
            guard let span = timeline.activeSpan(firm) else { return [] }
            let years = Double(span.to.number - span.from.number) / 365.25
            let lack = 1 - firm.integrity
            let rate = firm.scale.exposure * (0.025 + 1.3 * lack * lack * lack) * (firm.type == .individual ? 0.6 : 1)
            let count = rng.poisson(rate * years)
            guard count > 0 else { return [] }
            let weights = authorityWeights(section: firm.section.letter)
            let days = (0..<count).map { _ in rng.day(span.from, span.to) }.sorted()
            return days.map { day in
                let severity = severity(firm, &rng)
                return record(firm, on: day, severity: severity, authority: rng.weighted(weights), &rng)
            }
        }
    }

    /// `admin.license`: permits that a firm's industry needs.
    enum LicenseRecords {
        struct Kind: Sendable {
            let title: String
            let authority: String
            let validityYears: Int
            /// Share of firms of each section holding it.
            let shares: [String: Double]
            let number: @Sendable (Firm, CivilDay, inout Xoshiro256) -> String
        }

        static let kinds: [Kind] = [
            Kind(title: "食品经营许可证", authority: "大连市{区}市场监督管理局", validityYears: 5, shares: ["F": 0.35, "H": 0.95],
                 number: { f, _, rng in "JY1" + f.place.code + IDNumbers.pad(rng.below(10_000_000), 7) }),
            Kind(title: "食品生产许可证", authority: "大连市市场监督管理局", validityYears: 5, shares: ["C": 0.12, "A": 0.05],
                 number: { f, _, rng in "SC1" + IDNumbers.pad(rng.int(1...32), 2) + f.place.code + IDNumbers.pad(rng.below(100_000), 5) }),
            Kind(title: "建筑业企业资质证书", authority: "大连市住房和城乡建设局", validityYears: 5, shares: ["E": 0.85],
                 number: { _, _, rng in "D221" + IDNumbers.pad(rng.below(1_000_000), 6) }),
            Kind(title: "安全生产许可证", authority: "辽宁省住房和城乡建设厅", validityYears: 3, shares: ["E": 0.7, "B": 0.9, "D": 0.3],
                 number: { _, day, rng in "（辽）JZ安许证字〔\(day.year)〕" + IDNumbers.pad(rng.below(1_000_000), 6) }),
            Kind(title: "排污许可证", authority: "大连市生态环境局", validityYears: 5, shares: ["C": 0.4, "D": 0.8, "B": 0.8],
                 number: { f, _, rng in f.uscc + IDNumbers.pad(rng.int(1...3), 3) + (rng.chance(0.7) ? "P" : "V") }),
            Kind(title: "道路运输经营许可证", authority: "大连市交通运输局", validityYears: 4, shares: ["G": 0.7],
                 number: { f, _, rng in "辽交运管许可大字" + f.place.code + IDNumbers.pad(rng.below(1_000_000), 6) + "号" }),
            Kind(title: "危险化学品经营许可证", authority: "大连市应急管理局", validityYears: 3, shares: ["F": 0.02, "C": 0.05],
                 number: { _, day, rng in "辽大危化经字〔\(day.year)〕" + IDNumbers.pad(rng.below(1_000_000), 6) }),
            Kind(title: "卫生许可证", authority: "大连市{区}卫生健康局", validityYears: 4, shares: ["O": 0.4, "H": 0.2],
                 number: { f, day, rng in "大\(f.place.short)卫公证字〔\(day.year)〕第" + IDNumbers.pad(rng.below(1_000_000), 6) + "号" }),
            Kind(title: "增值电信业务经营许可证", authority: "辽宁省通信管理局", validityYears: 5, shares: ["I": 0.25],
                 number: { _, day, rng in "辽B2-\(day.year)" + IDNumbers.pad(rng.below(10_000), 4) }),
            Kind(title: "人力资源服务许可证", authority: "大连市人力资源和社会保障局", validityYears: 5, shares: ["L": 0.08],
                 number: { _, day, rng in "（辽大）人服证字〔\(day.year)〕第" + IDNumbers.pad(rng.below(10_000), 4) + "号" }),
            Kind(title: "医疗机构执业许可证", authority: "大连市{区}卫生健康局", validityYears: 5, shares: ["Q": 0.6],
                 number: { f, _, rng in "PDY" + IDNumbers.pad(rng.below(100_000), 5) + "-" + f.place.code + "17A1002" }),
            Kind(title: "药品经营许可证", authority: "大连市市场监督管理局", validityYears: 5, shares: ["F": 0.03],
                 number: { _, _, rng in "辽CB" + IDNumbers.pad(rng.below(10_000_000), 7) }),
            Kind(title: "出版物经营许可证", authority: "大连市{区}文化和旅游局", validityYears: 6, shares: ["R": 0.25],
                 number: { f, _, rng in "新出发大\(f.place.short)零字第" + IDNumbers.pad(rng.below(100_000), 5) + "号" }),
        ]

        /// One licence of kind `kind`, issued on `issued`.
        static func record(_ firm: Firm, kind: Int, issued: CivilDay, _ rng: inout Xoshiro256) -> [String] {
            let k = kinds[kind]
            let until = issued.addingYears(k.validityYears) - 1
            return [firm.uscc, k.number(firm, issued, &rng), k.title, issued.text, until.text,
                    PenaltyRecords.fill(k.authority, district: firm.place)]
        }

        /// Licences of a firm: the current one, or an expired one it did not renew.
        static func forFirm(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [[String]] {
            var rows: [[String]] = []
            let letter = firm.section.letter
            let last = firm.lastActiveDay(asOf: timeline.asOf)
            for (index, kind) in kinds.enumerated() {
                guard let share = kind.shares[letter], rng.chance(share) else { continue }
                let earliest = max(firm.established, last - (kind.validityYears + 2) * 365)
                rows.append(record(firm, kind: index, issued: rng.day(earliest, last), &rng))
            }
            return rows
        }
    }
}
