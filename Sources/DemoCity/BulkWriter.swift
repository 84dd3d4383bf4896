import Domain
import Foundation

extension CityGenerator {
    /// Writes `rows` valid-looking rows of one dataset to `file` (UTF-8, LF), for ingest benchmarks.
    /// Monthly and registration data come from fresh firms, one after another; event data (penalties,
    /// cases, listings…) from a pool of firms, many events each. Faults only when `faultRate` > 0, no
    /// updates. Returns the number of data rows written (header excluded).
    public static func writeBulk(dataset: String, rows: Int, seed: UInt64, asOf: Date, to file: URL,
                                 faultRate: Double = 0) throws -> Int {
        guard let schema = DemoCatalog.schema(dataset), let kind = Dataset(rawValue: DemoCatalog.schemas.firstIndex { $0.id == dataset } ?? -1) else {
            throw DomainError.unknownDataset(dataset)
        }
        guard rows >= 0 else { throw DomainError.invalidInput(field: "rows", reason: "行数不能为负") }
        guard (0...0.5).contains(faultRate) else { throw DomainError.invalidInput(field: "faultRate", reason: "应在 0 到 0.5 之间") }
        let day = CivilDay(Day(asOf))
        let timeline = Timeline(asOf: day, months: 24)
        let sink = try DatasetSink(schema: schema, file: file, encoding: .utf8, lineEnding: .lf, byteOrderMark: false,
                                   faultRate: faultRate, updateRate: 0, seed: seed, asOf: day, faultLog: nil)
        var factory = FirmFactory(seed: seed, asOf: day)

        switch kind {
        case .registration, .taxPayment, .socialInsurance, .housingFund, .utility:
            var serial = 0
            while sink.rowsWritten < rows {
                let firm = try factory.make(serial: serial)
                var rng = Xoshiro256(seed: seed, item: serial, stream: kind.rawValue + 1)
                serial += 1
                let batch: [[String]] = switch kind {
                case .registration: [MarketRecords.registration(firm)]
                case .taxPayment: TaxRecords.payments(firm, timeline, &rng).rows
                case .socialInsurance: LabourRecords.socialInsurance(firm, timeline, &rng).rows
                case .housingFund: LabourRecords.housingFund(firm, timeline, insured: LabourRecords.socialInsurance(firm, timeline, &rng).counts, &rng)
                default: UtilityRecords.forFirm(firm, timeline, &rng)
                }
                for row in batch where sink.rowsWritten < rows { try sink.emit(row) }
            }
        default:
            var pool: [Firm] = []
            let poolSize = min(max(rows / 8, 500), kind == .env ? 5_000 : 50_000)
            var serial = 0
            while pool.count < poolSize {
                let firm = try factory.make(serial: serial)
                serial += 1
                if timeline.activeSpan(firm) != nil, kind != .env || MeritRecords.isEnvRated(firm) { pool.append(firm) }
            }
            var rng = Xoshiro256(seed: seed, item: -2, stream: kind.rawValue + 1)
            while sink.rowsWritten < rows {
                let firm = pool[rng.below(pool.count)]
                try sink.emit(bulkEvent(kind, firm: firm, timeline: timeline, &rng))
            }
        }
        return try sink.finish().rows
    }

    /// One event record of a random kind and date for `firm` (which is active in the window).
    static func bulkEvent(_ kind: Dataset, firm: Firm, timeline: Timeline, _ rng: inout Xoshiro256) -> [String] {
        let span = timeline.activeSpan(firm) ?? (timeline.start, timeline.asOf)
        let day = rng.day(span.from, span.to)
        let asOf = timeline.asOf
        switch kind {
        case .abnormal:
            let reason = rng.pick([MarketRecords.annualReport, MarketRecords.unreachable, MarketRecords.falsified])
            return MarketRecords.record(firm, listed: day, reason: reason, removable: true, asOf: asOf, &rng)
        case .license:
            let fitting = LicenseRecords.kinds.indices.filter { LicenseRecords.kinds[$0].shares[firm.section.letter] != nil }
            let license = fitting.isEmpty ? rng.below(LicenseRecords.kinds.count) : rng.pick(fitting)
            return LicenseRecords.record(firm, kind: license, issued: day, &rng)
        case .taxRating:
            let year = rng.pick(timeline.ratingYears)
            let grade = firm.established.year >= year ? "M"
                : TaxRecords.scoredGrade(firm, offset: 0, arrears: rng.chance(distress(firm.health)), taxPenalties: 0, &rng)
            return [firm.uscc, String(year), grade]
        case .judicialCase:
            let role = rng.weighted([0.07 * (0.4 + firm.health), 0.02 + 0.9 * pow3(1 - firm.health), 0.008])
            return JudicialRecords.record(firm, filed: day, role: role, asOf: asOf, &rng).row
        case .dishonest:
            let cause = rng.pick(JudicialRecords.defendantCauses)
            let amount = Format.toCents(rng.logNormal(median: 80_000, sigma: 1))
            return JudicialRecords.dishonest(firm, closed: day - 240, amountCents: amount, cause: cause, asOf: asOf, &rng)?.row
                ?? [firm.uscc, JudicialRecords.caseNumber(firm, year: day.year, kind: "执", &rng), day.text, "", "", "", "", "", ""]
        case .creditList:
            let type = firm.integrity > 0.75 ? "red" : (rng.chance(0.5) ? "black" : "watch")
            let (authority, reason) = type == "red" ? rng.pick(CreditRecords.redLists)
                : (CreditRecords.commission, type == "black" ? "被人民法院列为失信被执行人" : "重点关注对象：被列入经营异常名录")
            let removed = CreditRecords.removal(after: day, chance: 0.3, minDays: 90, maxDays: 700, asOf: asOf, &rng)
            return CreditRecords.record(firm, type: type, listed: day, removed: removed, authority: authority, reason: reason)
        case .commitment:
            return CreditRecords.commitment(firm, signed: day, kind: rng.pick(CreditRecords.commitmentKinds), asOf: asOf, &rng)
        case .honour:
            return MeritRecords.honour(firm, level: MeritRecords.honourLevel(firm, &rng), awarded: day, &rng)
        case .tech:
            return MeritRecords.qualification(firm, kind: rng.below(DemoCatalog.techKinds.count), certified: day)
        case .patent:
            return MeritRecords.patent(firm, kind: MeritRecords.patentKind(firm, &rng), granted: day, &rng)
        case .env:
            return [firm.uscc, String(rng.pick(timeline.ratingYears)), MeritRecords.envGrade(firm, penalised: rng.chance(0.05), &rng)]
        default:
            let severity = PenaltyRecords.severity(firm, &rng)
            let authority = rng.weighted(PenaltyRecords.authorityWeights(section: firm.section.letter))
            return PenaltyRecords.record(firm, on: day, severity: severity, authority: authority, &rng).row
        }
    }
}
