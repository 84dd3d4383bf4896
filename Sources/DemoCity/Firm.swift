import Domain
extension CityGenerator {
    /// Registration status (登记状态).
    enum FirmStatus: Int, Sendable {
        case active, revoked, cancelled, movedOut

        var label: String {
            switch self {
            case .active: "存续"
            case .revoked: "吊销"
            case .cancelled: "注销"
            case .movedOut: "迁出"
            }
        }
    }

    /// A demo firm: its register entry and the hidden traits that drive all its data.
    struct Firm: Sendable {
        let serial: Int
        let uscc: String
        let type: EntityType
        let scale: Scale
        let industry: Int
        let district: Int
        let established: CivilDay
        let name: String
        let legalRep: String
        let legalRepID: String
        let registeredCapitalCents: Int
        let address: String
        let status: FirmStatus
        /// The day the firm stopped operating (revoked, cancelled or moved out), if it did.
        let closedOn: CivilDay?
        /// Registration reaches the platform only later: the firm is missing from `market.registration`.
        let registered: Bool

        // Hidden traits, all in [0, 1] except growth.
        /// Financial health: revenue, arrears, late bills, shrinking staff, lawsuits.
        let health: Double
        /// Integrity: penalties, abnormal listings, broken commitments.
        let integrity: Double
        /// Propensity to innovate: tech qualifications, patents.
        let innovation: Double
        /// Monthly log-growth of staff and revenue.
        let growth: Double
        /// Activity level relative to the median firm of its size class (log-normal).
        let activity: Double

        var section: IndustrySection { Industries.sections[industry] }
        var place: District { Dalian.districts[district] }

        /// Last day the firm operates within the data.
        func lastActiveDay(asOf: CivilDay) -> CivilDay { min(closedOn ?? asOf, asOf) }
        func isActive(in month: Month, asOf: CivilDay) -> Bool {
            month >= established.month && month.firstDay <= lastActiveDay(asOf: asOf)
        }
    }

    /// Builds firms one after another; keeps names unique as a registration authority would.
    struct FirmFactory {
        let seed: UInt64
        let asOf: CivilDay
        private var names: Set<String> = []

        init(seed: UInt64, asOf: CivilDay) {
            self.seed = seed
            self.asOf = asOf
        }

        mutating func make(serial: Int, registered: Bool = true) throws -> Firm {
            var rng = Xoshiro256(seed: seed, item: serial, stream: 0)

            let typeDraw = rng.uniform()
            let type: EntityType = typeDraw < 0.78 ? .enterprise : (typeDraw < 0.96 ? .individual : .cooperative)

            let scale: Scale
            switch type {
            case .individual: scale = .micro
            case .cooperative: scale = rng.chance(0.85) ? .micro : .small
            case .enterprise: scale = Scale(rawValue: rng.weighted([0.70, 0.22, 0.065, 0.015])) ?? .micro
            }

            let industry: Int
            let district: Int
            switch type {
            case .enterprise:
                industry = Industries.enterpriseTable.draw(&rng)
                district = Dalian.enterpriseDistricts.draw(&rng)
            case .individual:
                industry = Industries.individualTable.draw(&rng)
                district = Dalian.individualDistricts.draw(&rng)
            case .cooperative:
                industry = Industries.agriculture
                district = Dalian.cooperativeDistricts.draw(&rng)
            }
            let section = Industries.sections[industry]
            let place = Dalian.districts[district]

            // Age: many young firms, a long tail back to the 1990s; larger firms are older.
            let ageMean: Double = switch scale {
            case .micro: type == .individual ? 4.5 : 6
            case .small: 9
            case .medium: 13
            case .large: 18
            }
            var ageYears = rng.exponential(mean: ageMean) + rng.uniform(0, 0.5)
            if ageYears > 32 { ageYears = rng.uniform(12, 32) }
            let established = asOf - max(1, Int(ageYears * 365.25))

            // Hidden traits: logit-normal, so most firms sit in the middle and few at the extremes.
            let sizeEffect: Double = switch scale {
            case .micro: type == .individual ? -0.1 : -0.15
            case .small: 0.1
            case .medium: 0.35
            case .large: 0.6
            }
            let ageEffect: Double = ageYears < 1 ? -0.35 : (ageYears < 3 ? -0.15 : (ageYears < 10 ? 0 : 0.2))
            let zHealth = rng.normal()
            let health = sigmoid(0.25 + sizeEffect + ageEffect + 0.95 * zHealth)
            let integrity = sigmoid(0.7 + 0.5 * sizeEffect + 0.35 * zHealth + 0.85 * rng.normal())
            let innovation = type == .enterprise
                ? sigmoid(section.innovation + 0.3 * sizeEffect + 0.8 * (health - 0.5) + 0.8 * rng.normal()) : 0
            var growth = 0.02 * (health - 0.45) / 0.55 + rng.normal(mean: 0, sd: 0.004)
            if ageYears < 3, health > 0.5 { growth += 0.006 }
            let activity = rng.logNormal(median: 1, sigma: 0.6) * (0.45 + 1.1 * health)

            // Status: weak firms are revoked (after failing to report) or cancelled more often.
            let statusDraw = rng.uniform()
            let revoked = 0.01 + 0.08 * (1 - integrity) * (1 - integrity) * (1 - health)
            let cancelled = revoked + 0.02 + 0.05 * (1 - health)
            let moved = cancelled + 0.008
            var status: FirmStatus = statusDraw < revoked ? .revoked : (statusDraw < cancelled ? .cancelled : (statusDraw < moved ? .movedOut : .active))
            var closedOn: CivilDay?
            if status != .active {
                let earliest = max(established + 200, asOf - 3 * 365)
                if earliest < asOf - 30 {
                    closedOn = rng.day(earliest, asOf - 30)
                } else {
                    status = .active
                }
            }

            // Legal representative: an adult when the firm was founded, 25–72 today.
            let male = rng.chance(type == .individual ? 0.55 : 0.72)
            let legalRep = Names.person(male: male, &rng)
            let minAge = max(25.0, ageYears + 20)
            let age = clamp(rng.normal(mean: max(46, minAge + 4), sd: 8), minAge, 72)
            let birth = asOf - Int(age * 365.25) - rng.below(365)
            let legalRepID = IDNumbers.resident(birth: birth, male: male, &rng)

            let capitalMedian: Double = switch (type, scale) {
            case (.individual, _): 5
            case (.cooperative, _): 50
            case (_, .micro): 50
            case (_, .small): 300
            case (_, .medium): 2_000
            case (_, .large): 20_000
            }
            let capital = Self.roundCapital(rng.logNormal(median: capitalMedian, sigma: 0.8), &rng)

            var name = ""
            for attempt in 0..<12 {
                name = Names.firm(type: type, scale: scale, section: section, district: place, attempt: attempt, &rng)
                if !names.contains(name) { break }
                if attempt == 11 { name += "第\(serial)分部" }
            }
            names.insert(name)
            let address = Names.address(district: place, rural: type == .cooperative || (industry == Industries.agriculture && rng.chance(0.7)), &rng)

            let modern = type != .enterprise || established >= CivilDay(year: 2016, month: 1, day: 1)
            let later = established >= CivilDay(year: 2020, month: 1, day: 1)
        let body = type.usccPrefix + place.code + IDNumbers.organisationPart(serial: serial, modern: modern, later: later)
            let uscc = try USCC.completing(body: body).value

            return Firm(serial: serial, uscc: uscc, type: type, scale: scale, industry: industry, district: district,
                        established: established, name: name, legalRep: legalRep, legalRepID: legalRepID,
                        registeredCapitalCents: capital, address: address, status: status, closedOn: closedOn,
                        registered: registered, health: health, integrity: integrity, innovation: innovation,
                        growth: growth, activity: activity)
        }

        /// Registered capital in cents of 万元, rounded the way founders pick it (10, 50, 300, 1000 …).
        static func roundCapital(_ wan: Double, _ rng: inout Xoshiro256) -> Int {
            if rng.chance(0.08) { return max(1, Int((wan * 100).rounded())) }
            let step: Double = wan < 10 ? 1 : (wan < 100 ? 5 : (wan < 1_000 ? 50 : (wan < 10_000 ? 500 : 5_000)))
            return Int(max(step, (wan / step).rounded() * step) * 100)
        }
    }
}
