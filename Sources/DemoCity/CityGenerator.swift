import Domain
import Foundation

/// The demo city generator: a believable Dalian whose departments each deliver one file per catalog
/// dataset, driven by hidden traits of every firm, with deliberate faults for ingest to catch.
///
/// Output is deterministic: the same configuration (seed and as-of date included) gives byte-identical
/// files. Files are streamed through fixed-size buffers, so 100,000 firms need little memory.
public struct CityGenerator: Sendable {
    public struct Config: Sendable {
        /// Firms in `market.registration`.
        public var enterprises = 2_000
        /// Months of monthly data, ending with the as-of month.
        public var months = 24
        public var seed: UInt64 = 2_026
        /// The "today" of the data: no legitimate date lies after it (expiry dates excepted).
        public var asOf: Date
        /// Share of rows in every file carrying a deliberate fault.
        public var faultRate = 0.02
        /// Share of rows re-sent later with the same record_id and corrected content.
        public var updateRate = 0.005
        /// Share of non-registration rows belonging to firms whose registration has not arrived.
        public var unregisteredRate = 0.005
        /// Datasets written in GB18030, as the tax department's systems export them.
        public var gb18030Datasets: Set<String> = ["tax.rating", "tax.payment"]
        /// Datasets written with CRLF line endings.
        public var crlfDatasets: Set<String> = ["tax.rating", "tax.payment"]
        /// Datasets written with a UTF-8 byte-order mark (ignored for GB18030 files).
        public var bomDatasets: Set<String> = ["market.registration"]

        public init(asOf: Date, enterprises: Int = 2_000, months: Int = 24, seed: UInt64 = 2_026) {
            self.asOf = asOf
            self.enterprises = enterprises
            self.months = months
            self.seed = seed
        }
    }

    public let config: Config

    public init(config: Config) { self.config = config }

    /// The catalog's dataset ids, in catalog order; one file `<id>.csv` each.
    public static let datasets: [String] = DemoCatalog.schemas.map(\.id)

    /// Names of the files written besides the datasets: hidden traits and the list of planted faults.
    public static let truthFile = "_truth.csv"
    public static let faultsFile = "_faults.csv"

    /// Writes the 17 department files, `_truth.csv` (hidden traits per firm) and `_faults.csv` (every
    /// planted fault: dataset, line, record_id, kind) into `directory`, creating it if needed.
    /// `progress` receives ("firms", firms done) while generating, then (dataset id, rows) per file.
    public func write(to directory: URL, progress: (@Sendable (String, Int) -> Void)? = nil) throws -> GenerationSummary {
        try validate()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let asOf = CivilDay(Day(config.asOf))
        let timeline = Timeline(asOf: asOf, months: config.months)

        let faultLog = try CSVWriter(url: directory.appendingPathComponent(Self.faultsFile), encoding: .utf8, lineEnding: .lf)
        try faultLog.write(["dataset", "line", "record_id", "kind"])
        let truth = try CSVWriter(url: directory.appendingPathComponent(Self.truthFile), encoding: .utf8, lineEnding: .lf)
        try truth.write(["uscc", "registered", "name", "entity_type", "scale", "industry", "district", "established_on",
                         "status", "closed_on", "health", "integrity", "innovation", "growth", "activity"])
        let sinks = try DemoCatalog.schemas.map { schema in
            let gb = config.gb18030Datasets.contains(schema.id)
            return try DatasetSink(schema: schema, file: directory.appendingPathComponent(schema.id + ".csv"),
                                   encoding: gb ? .gb18030 : .utf8,
                                   lineEnding: config.crlfDatasets.contains(schema.id) ? .crlf : .lf,
                                   byteOrderMark: !gb && config.bomDatasets.contains(schema.id),
                                   faultRate: config.faultRate, updateRate: config.updateRate,
                                   seed: config.seed, asOf: asOf, faultLog: faultLog)
        }

        let rate = config.unregisteredRate
        let ghosts = Int((Double(config.enterprises) * rate / max(1 - rate, 0.01)).rounded())
        let total = config.enterprises + ghosts
        var factory = FirmFactory(seed: config.seed, asOf: asOf)
        let step = max(1, total / 100)
        for serial in 0..<total {
            // Firms without registration are spread evenly through the files.
            let isGhost = ghosts > 0 && (serial + 1) * ghosts / total > serial * ghosts / total
            let firm = try factory.make(serial: serial, registered: !isGhost)
            try truth.write(Self.truthRow(firm))
            try Self.emit(firm, timeline: timeline, seed: config.seed, into: sinks)
            if (serial + 1) % step == 0 || serial + 1 == total { progress?("firms", serial + 1) }
        }

        var files: [GenerationSummary.File] = []
        for sink in sinks {
            let file = try sink.finish()
            files.append(file)
            progress?(file.dataset, file.rows)
        }
        try faultLog.close()
        try truth.close()
        return GenerationSummary(enterprises: config.enterprises, unregisteredFirms: ghosts, months: timeline.months,
                                 asOf: asOf.text, files: files)
    }

    private func validate() throws {
        guard (1...10_000_000).contains(config.enterprises) else {
            throw DomainError.invalidInput(field: "enterprises", reason: "企业数量应在 1 到 10,000,000 之间")
        }
        guard (1...240).contains(config.months) else { throw DomainError.invalidInput(field: "months", reason: "月数应在 1 到 240 之间") }
        for (name, value) in [("faultRate", config.faultRate), ("updateRate", config.updateRate), ("unregisteredRate", config.unregisteredRate)]
        where !(0...0.5).contains(value) {
            throw DomainError.invalidInput(field: name, reason: "比例应在 0 到 0.5 之间")
        }
        for id in config.gb18030Datasets.union(config.crlfDatasets).union(config.bomDatasets) where DemoCatalog.schema(id) == nil {
            throw DomainError.unknownDataset(id)
        }
    }

    static func truthRow(_ f: Firm) -> [String] {
        func decimal(_ x: Double, _ places: Int) -> String { String(format: "%.\(places)f", x) }
        return [f.uscc, f.registered ? "1" : "0", f.name, f.type.label, f.scale.label, f.section.letter, f.place.code,
                f.established.text, f.status.label, f.closedOn?.text ?? "", decimal(f.health, 4), decimal(f.integrity, 4),
                decimal(f.innovation, 4), decimal(f.growth, 5), decimal(f.activity, 4)]
    }

    /// Index of each dataset in `DemoCatalog.schemas` (and so in the sink list).
    enum Dataset: Int, CaseIterable {
        case registration, abnormal, penalty, license, taxRating, taxPayment, socialInsurance, housingFund, utility
        case judicialCase, dishonest, creditList, commitment, honour, tech, patent, env
    }

    /// Writes every record of one firm. Each dataset draws from its own random stream of the firm, so a
    /// change to one dataset's rules leaves the others' output as it was.
    static func emit(_ firm: Firm, timeline: Timeline, seed: UInt64, into sinks: [DatasetSink]) throws {
        func stream(_ d: Dataset) -> Xoshiro256 { Xoshiro256(seed: seed, item: firm.serial, stream: d.rawValue + 1) }
        let ghost = !firm.registered
        func put(_ d: Dataset, _ rows: [[String]]) throws {
            for row in rows { try sinks[d.rawValue].emit(row, unregistered: ghost) }
        }

        if firm.registered { try sinks[Dataset.registration.rawValue].emit(MarketRecords.registration(firm)) }

        var rng = stream(.abnormal)
        let abnormal = MarketRecords.forFirm(firm, timeline, &rng)
        try put(.abnormal, abnormal.map(\.row))

        rng = stream(.penalty)
        let penalties = PenaltyRecords.forFirm(firm, timeline, &rng)
        try put(.penalty, penalties.map(\.row))
        let penaltyFacts = penalties.map(\.fact)

        rng = stream(.license)
        try put(.license, LicenseRecords.forFirm(firm, timeline, &rng))

        rng = stream(.judicialCase)
        let judicial = JudicialRecords.forFirm(firm, timeline, &rng)
        try put(.judicialCase, judicial.cases)
        try put(.dishonest, judicial.dishonest.map(\.row))
        let dishonest = judicial.dishonest.map(\.fact)

        rng = stream(.taxPayment)
        let payments = TaxRecords.payments(firm, timeline, &rng)
        try put(.taxPayment, payments.rows)

        rng = stream(.taxRating)
        let dishonestYears = Set(dishonest.map(\.listed.year))
        let ratings = TaxRecords.ratings(firm, timeline, facts: payments.facts, penalties: penaltyFacts,
                                         dishonestYears: dishonestYears, &rng)
        try put(.taxRating, ratings.map(\.row))

        rng = stream(.socialInsurance)
        let insurance = LabourRecords.socialInsurance(firm, timeline, &rng)
        try put(.socialInsurance, insurance.rows)

        rng = stream(.housingFund)
        try put(.housingFund, LabourRecords.housingFund(firm, timeline, insured: insurance.counts, &rng))

        rng = stream(.utility)
        try put(.utility, UtilityRecords.forFirm(firm, timeline, &rng))

        rng = stream(.creditList)
        try put(.creditList, CreditRecords.forFirm(firm, timeline, penalties: penaltyFacts, dishonest: dishonest,
                                                   abnormal: abnormal.map { ($0.listed, $0.lifted) },
                                                   grades: ratings.map(\.grade), &rng))

        rng = stream(.commitment)
        try put(.commitment, CreditRecords.commitments(firm, timeline, penalties: penaltyFacts, &rng))

        rng = stream(.honour)
        try put(.honour, MeritRecords.honours(firm, timeline, &rng))

        rng = stream(.tech)
        try put(.tech, MeritRecords.qualifications(firm, timeline, &rng))

        rng = stream(.patent)
        try put(.patent, MeritRecords.patents(firm, timeline, &rng))

        rng = stream(.env)
        try put(.env, MeritRecords.envRatings(firm, timeline, penalties: penaltyFacts, &rng))
    }
}
