import Domain
import Foundation
import Persistence

/// The two-way evaluation (两个维度: institutions and districts) under the points scheme in force at the end of the
/// period, with the manual items' points the credit center gives, and the bulletins (通报) published from it.
public struct StatEvaluation: Sendable {
    let context: ServiceContext
    public init(context: ServiceContext) { self.context = context }

    var store: StatReportStore { StatReportStore(database: context.database) }

    /// `2026-03` for a month, `2026-Q1` for a quarter, `2026-01…2026-06` otherwise: the key manual points and bulletins
    /// are kept under.
    public static func key(_ period: StatPeriod) -> String {
        guard let months = period.wholeMonths else { return period.description }
        if months.lowerBound == months.upperBound { return months.lowerBound.description }
        let first = months.lowerBound
        if (first.month - 1) % 3 == 0, first.adding(months: 2) == months.upperBound {
            return "\(first.year)-Q\((first.month - 1) / 3 + 1)"
        }
        return "\(months.lowerBound)…\(months.upperBound)"
    }

    public struct Table: Sendable {
        public var subject: PointsSubject
        public var period: StatPeriod
        public var schemeName: String
        public var scheme: PointsScheme.Version
        public var rows: [LeagueRow]
        /// Subject → indicator code → value over the period.
        public var values: [String: [String: IndicatorValue]]
        /// Subject id → name.
        public var names: [String: String]
    }

    public func table(_ principal: Principal, subject: PointsSubject, period: StatPeriod) async throws -> Table {
        guard Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看考核评价") }
        guard let scheme = context.platform.pointsSchemes.scheme(subject), let version = scheme.inForce(on: period.through) else {
            throw DomainError.notFound("\(period.label)适用的\(subject == .institution ? "金融机构" : "区县")评价方案")
        }
        let aggregate = try await Statistics(context: context).aggregate()
        var names: [String: String] = [:]
        let subjects: [String]
        switch subject {
        case .institution:
            let institutions = try await AccountStore(database: context.database).institutions()
            subjects = institutions.map { String($0.id) }
            for i in institutions { names[String(i.id)] = i.name }
        case .district:
            subjects = aggregate.values(of: .district).filter { !$0.isEmpty }
            for d in subjects { names[d] = Reference.districtName(d, in: context.catalog) }
        }
        // The league table takes manual points in hundredths.
        let manual = try await store.manualPoints(kind: subject.rawValue, period: Self.key(period)).mapValues { $0.mapValues { $0 * 100 } }
        let input = try aggregate.pointsInput(version, subject: subject, subjects: subjects, period: period, manual: manual)
        return Table(subject: subject, period: period, schemeName: scheme.name, scheme: version, rows: version.leagueTable(input),
                     values: input.current, names: names)
    }

    /// Gives a manual item (e.g. 政策落实) its points for a subject and period, within the item's maximum.
    public func setManual(_ principal: Principal, subject: PointsSubject, period: StatPeriod, subjectID: String, item: String,
                          points: Int) async throws {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可评定人工评分项") }
        guard let version = context.platform.pointsSchemes.scheme(subject)?.inForce(on: period.through),
              let entry = version.items.first(where: { $0.code == item }) else {
            throw DomainError.invalidInput(field: "item", reason: "评价方案中没有“\(item)”项")
        }
        guard entry.rule.kind == .manual else { throw DomainError.invalidInput(field: "item", reason: "“\(entry.label)”按指标计算，不能人工评分") }
        guard (0...entry.maxPoints).contains(points) else {
            throw DomainError.invalidInput(field: "points", reason: "“\(entry.label)”的分值应在 0 至 \(entry.maxPoints) 之间")
        }
        try await store.setManualPoints(kind: subject.rawValue, period: Self.key(period), subject: subjectID, item: item, points: points,
                                        actor: principal.name, at: context.clock.now())
    }

    // MARK: Bulletins

    /// What a bulletin shows, frozen when it is published.
    public struct BulletinContent: Sendable, Equatable, Codable {
        public var number: String
        public var issuer: String
        public var issuedOn: Day
        public var from: Day
        public var through: Day
        public var values: [String: IndicatorValue]
        public var coverage: IndicatorValue
        public var borrowerShare: IndicatorValue
        public var institutionScheme: PointsScheme.Version
        public var institutionTable: [LeagueRow]
        public var districtScheme: PointsScheme.Version
        public var districtTable: [LeagueRow]
        public var names: [String: String]
        public var topVolume: [Named]
        public var topGrowth: [Named]
        /// Closed months of the period with their snapshot digests.
        public var digests: [String: String]

        public struct Named: Sendable, Equatable, Codable {
            public var institution: String
            public var value: IndicatorValue
        }

        public var period: StatPeriod { StatPeriod(from: from, through: through) }
    }

    public func publish(_ principal: Principal, period: StatPeriod, number: String, issuer: String, issuedOn: Day) async throws -> StatReportStore.Bulletin {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可发布通报") }
        let number = number.trimmingCharacters(in: .whitespaces), issuer = issuer.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 40 else { throw DomainError.invalidInput(field: "number", reason: "请填写文号（不超过40字）") }
        guard !issuer.isEmpty, issuer.count <= 60 else { throw DomainError.invalidInput(field: "issuer", reason: "请填写发文单位（不超过60字）") }
        guard period.through < Day(context.clock.now()) else {
            throw DomainError.invalidInput(field: "period", reason: "\(period.label)尚未结束，不能发布通报")
        }
        let content = try await bulletinContent(principal, period: period, number: number, issuer: issuer, issuedOn: issuedOn)
        let text = String(decoding: try StatStore.encoder().encode(content), as: UTF8.self)
        return try await store.publish(period: Self.key(period), content: text, actor: principal.name, at: context.clock.now())
    }

    func bulletinContent(_ principal: Principal, period: StatPeriod, number: String, issuer: String, issuedOn: Day) async throws -> BulletinContent {
        let aggregate = try await Statistics(context: context).aggregate()
        let values = try aggregate.values(period: period)
        let institutions = try await table(principal, subject: .institution, period: period)
        let districts = try await table(principal, subject: .district, period: period)
        let registeredInCity = Int64(try await RegistryStore(database: context.database).count())
        let registered = values["platform.firms_registered"]?.value ?? 0
        let borrowers = values["lending.loan_firms"]?.value ?? 0
        func share(_ n: Int64, _ d: Int64) -> IndicatorValue {
            IndicatorValue(IndicatorValue.divide(n, by: d, scale: IndicatorValue.perMillion), numerator: n, denominator: d)
        }
        var volume: [BulletinContent.Named] = [], growth: [BulletinContent.Named] = []
        guard let credit = IndicatorCatalog.indicator("lending.credit_loan_amount"), let amount = IndicatorCatalog.indicator("lending.loan_amount") else {
            throw DomainError.notFound("指标目录中的放款指标")
        }
        for id in institutions.names.keys {
            let filter = StatFilter.institution(id)
            volume.append(.init(institution: id, value: try aggregate.value(credit, period: period, filter: filter)))
            let now = try aggregate.value(amount, period: period, filter: filter).value ?? 0
            let before = try aggregate.value(amount, period: period.previous, filter: filter).value ?? 0
            if before > 0 { growth.append(.init(institution: id, value: share(now - before, before))) }
        }
        volume = volume.filter { ($0.value.value ?? 0) > 0 }.sorted { ($0.value.value ?? 0, $1.institution) > ($1.value.value ?? 0, $0.institution) }
        growth = growth.sorted { ($0.value.value ?? 0, $1.institution) > ($1.value.value ?? 0, $0.institution) }
        var digests: [String: String] = [:]
        let book = try await StatStore(database: context.database).book()
        if let months = period.wholeMonths {
            var m = months.lowerBound
            while m <= months.upperBound { if let d = book.closed[m] { digests[m.description] = d }; m = m.adding(months: 1) }
        }
        return BulletinContent(
            number: number, issuer: issuer, issuedOn: issuedOn, from: period.from, through: period.through, values: values,
            coverage: share(registered, registeredInCity), borrowerShare: share(borrowers, registered),
            institutionScheme: institutions.scheme, institutionTable: institutions.rows, districtScheme: districts.scheme,
            districtTable: districts.rows, names: institutions.names.merging(districts.names) { a, _ in a },
            topVolume: Array(volume.prefix(3)), topGrowth: Array(growth.prefix(3)), digests: digests)
    }

    public func bulletin(_ principal: Principal, id: Int64) async throws -> (StatReportStore.Bulletin, BulletinContent) {
        guard Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看通报") }
        guard let bulletin = try await store.bulletin(id: id) else { throw DomainError.notFound("该通报") }
        return (bulletin, try JSONDecoder().decode(BulletinContent.self, from: Data(bulletin.content.utf8)))
    }

    public func bulletins(_ principal: Principal) async throws -> [StatReportStore.Bulletin] {
        guard Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看通报") }
        return try await store.bulletins()
    }
}
