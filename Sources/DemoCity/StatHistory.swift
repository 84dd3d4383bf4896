import Foundation
import Domain

/// A seeded, generated history of the statistics' facts, for `xyd bench stats` and the tests: firms in Dalian's
/// districts (some moving), institutions with their products, loans with repayments, overdue spells and
/// reclassifications, and the applications, credit lines, demands, pushes, alerts, fund claims and data collection
/// around them, in the proportions of a city's credit-loan platform. The same configuration always gives the same
/// facts: every item draws from its own stream of the master seed.
public struct StatHistory: Sendable {
    public struct Config: Sendable {
        public var firms: Int
        public var loans: Int
        public var years: Int
        public var seed: UInt64
        /// The last full month of the history; every fact happens on or before its last day.
        public var lastMonth: StatMonth

        public init(firms: Int = 100_000, loans: Int = 1_000_000, years: Int = 5, seed: UInt64 = 2026,
                    lastMonth: StatMonth = StatMonth(year: 2025, month: 12)) {
            self.firms = max(firms, 1); self.loans = max(loans, 0); self.years = max(years, 1); self.seed = seed
            self.lastMonth = lastMonth
        }
    }

    public let config: Config
    /// The first day and the last day of the history.
    public let start: Day
    public let end: Day
    let startNumber: Int
    let endNumber: Int

    public init(_ config: Config) {
        self.config = config
        start = config.lastMonth.adding(months: -(config.years * 12 - 1)).firstDay
        end = config.lastMonth.lastDay
        startNumber = Self.number(start)
        endNumber = Self.number(end)
    }

    typealias Rng = CityGenerator.Xoshiro256

    static func number(_ day: Day) -> Int { CivilCalendar.days(year: day.year, month: day.month, day: day.day) }
    static func day(_ number: Int) -> Day {
        let (y, m, d) = CivilCalendar.date(days: number)
        return Day(year: y, month: m, day: d)
    }

    /// A day drawn uniformly from `from...end`.
    func day(after from: Int, _ rng: inout Rng) -> Int { from + rng.below(max(endNumber - from + 1, 1)) }

    /// `days` after `from`, or nil when that is after the history's end (it has not happened yet).
    func later(_ from: Int, _ days: Int) -> Day? { from + days <= endNumber ? Self.day(from + days) : nil }

    static let institutionCount = 30
    static let productsPerInstitution = 5
    static let industries = CityGenerator.Industries.sections.map(\.letter)
    static let industryTable = CityGenerator.WeightedTable(CityGenerator.Industries.sections.map(\.enterpriseWeight))
    static let districtTable = CityGenerator.WeightedTable(CityGenerator.Dalian.districts.map(\.weight))
    static let sizes: [(String, Double)] = [("micro", 0.52), ("small", 0.33), ("medium", 0.12), ("large", 0.03)]
    static let sizeTable = CityGenerator.WeightedTable(sizes.map(\.1))

    /// Every fact of the history.
    public func facts() -> StatFacts {
        let firms = self.firms()
        let (institutions, products) = self.lenders()
        var facts = StatFacts(firms: firms, institutions: institutions, products: products)
        let borrowers = self.borrowers(firms.count)
        facts.loans = loans(firms: firms, borrowers: borrowers, products: products)
        (facts.expectations, facts.batches) = collection()
        facts.applications = applications(firms: firms, products: products)
        facts.creditLines = creditLines(firms: firms, borrowers: borrowers, products: products)
        facts.demands = demands(firms: firms, products: products)
        facts.pushes = pushes(firms: firms)
        facts.alerts = alerts(firms: firms, borrowers: borrowers)
        facts.claims = claims(firms: firms, borrowers: borrowers, products: products)
        return facts
    }

    /// A USCC-shaped id (18 characters), as the platform keys firms.
    static func firmID(_ index: Int) -> String {
        let digits = String(index)
        return "912102" + String(repeating: "0", count: max(0, 11 - digits.count)) + digits + "X"
    }

    func firms() -> [StatFirm] {
        let districts = CityGenerator.Dalian.districts.map(\.code)
        let span = endNumber - startNumber
        return (0..<config.firms).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 1)
            // More firms early on: the platform signs up the city's existing firms first.
            let registered = startNumber + Int(Double(span) * pow(rng.uniform(), 1.6))
            let district = districts[Self.districtTable.draw(&rng)]
            var spells = [DistrictSpell(from: Self.day(registered), district: district)]
            if rng.chance(0.05), registered + 30 < endNumber {
                let moved = day(after: registered + 30, &rng)
                let target = districts.filter { $0 != district }[rng.below(districts.count - 1)]
                spells.append(DistrictSpell(from: Self.day(moved), district: target))
            }
            var standings: [StandingSpell] = []
            if rng.chance(0.85), let from = later(registered, rng.below(60)) {
                let until = rng.chance(0.15) ? later(Self.number(from), 180 + rng.below(900)) : nil
                standings.append(StandingSpell(.authorised, from: from, until: until))
            }
            if rng.chance(0.6), let from = later(registered, rng.below(120)) {
                standings.append(StandingSpell(.committed, from: from, until: rng.chance(0.05) ? later(Self.number(from), 365) : nil))
            }
            if rng.chance(0.015) {
                let from = day(after: registered, &rng)
                standings.append(StandingSpell(.listed, from: Self.day(from), until: rng.chance(0.5) ? later(from, 180 + rng.below(540)) : nil))
            }
            return StatFirm(id: Self.firmID(i), industry: Self.industries[Self.industryTable.draw(&rng)],
                            size: Self.sizes[Self.sizeTable.draw(&rng)].0, registeredOn: Self.day(registered),
                            districts: spells, standings: standings)
        }
    }

    func lenders() -> ([StatInstitution], [StatProduct]) {
        var institutions: [StatInstitution] = [], products: [StatProduct] = []
        for i in 0..<Self.institutionCount {
            var rng = Rng(seed: config.seed, item: i, stream: 2)
            let id = "I" + (i < 9 ? "0" : "") + String(i + 1)
            let online = rng.chance(0.2) ? min(startNumber + rng.below(700), endNumber) : startNumber
            institutions.append(StatInstitution(id: id, online: [OnlineSpell(from: Self.day(online))]))
            for p in 1...Self.productsPerInstitution {
                let from = min(online + rng.below(90), endNumber)
                let until = rng.chance(0.15) ? later(from, 365 + rng.below(700)) : nil
                products.append(StatProduct(id: "\(id)-P\(p)", institution: id, online: [OnlineSpell(from: Self.day(from), until: until)]))
            }
        }
        return (institutions, products)
    }

    /// The firms that borrow (about 45 %), by index.
    func borrowers(_ firms: Int) -> [Int] {
        (0..<firms).filter { i in
            var rng = Rng(seed: config.seed, item: i, stream: 3)
            return rng.chance(0.45)
        }
    }

    /// A firm's three usual products: most of its business goes to a few lenders.
    static func products(of firm: Int, seed: UInt64, count: Int) -> [Int] {
        var rng = Rng(seed: seed, item: firm, stream: 4)
        return [rng.below(count), rng.below(count), rng.below(count)]
    }
}
