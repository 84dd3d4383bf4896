import Domain
import Foundation
import Persistence
import Scorecard
import Spreadsheet

/// 主动授信: a bank's pre-approval run for one of its online products. The eligible universe is every firm registered on
/// the platform with an active enterprise account, less those on a dishonesty or black list (the same reading as the
/// products' rules, `FirmFactsLoader`) or under a published measure restricting new financing (`ListEffects`, as
/// `Sanctions` applies it to applications), those overdue on a loan or a line, those already holding a line of the
/// product, those the product's own rules exclude, and — when the run asks — those not on the 推荐清单. Each firm's
/// default probability comes from the bank's scorecard (the evaluation score, scaled) or from the file the bank
/// uploaded (a joint model's output); the bank's table turns it into a limit, a rate and a term, with reasons. The
/// bank sees the offers only, never a feature. Set-based: a handful of bulk reads, the pricing in memory, the offers
/// written as multi-row inserts in one unit of work with one log entry.
public enum Preapprovals {
    public struct RunRequest: Sendable {
        public var productID: Int64
        public var validUntil: Day
        public var requireRecommended: Bool
        public var source: ProbabilitySource
        public var table: PreapprovalTable
        public var scaling: ScorecardScaling?
        /// The uploaded probabilities (source `uploaded`), by USCC.
        public var probabilities: [String: DefaultProbability]

        public init(productID: Int64, validUntil: Day, requireRecommended: Bool, source: ProbabilitySource, table: PreapprovalTable,
                    scaling: ScorecardScaling? = nil, probabilities: [String: DefaultProbability] = [:]) {
            self.productID = productID; self.validUntil = validUntil; self.requireRecommended = requireRecommended
            self.source = source; self.table = table; self.scaling = scaling; self.probabilities = probabilities
        }
    }

    /// Longest validity of a run's offers.
    public static let maxValidityDays = 366
    /// Most rows of an uploaded probability file.
    public static let maxProbabilities = 2_000_000

    /// The reasons a firm is left out before pricing (the run's `excluded` keys).
    public enum Exclusion {
        public static let blacklisted = "失信或黑名单"
        public static let sanctioned = "失信惩戒限制新增融资"
        public static let overdue = "存在逾期贷款或额度"
        public static let hasLine = "已有该产品的循环额度"
        public static let productRules = "不符合产品准入条件"
        public static let notRecommended = "不在推荐清单"
        public static let notEvaluated = "尚无信用评价"
        public static let noProbability = "上传文件中无该企业"
    }

    public static func run(_ context: ServiceContext, _ principal: Principal, _ request: RunRequest) async throws -> PreapprovalRun {
        let institution = try principal.requireInstitution()
        let started = ContinuousClock.now
        let today = context.clock.today
        let market = try context.platform.marketRules.required(on: today)
        guard let product = try await context.productStore.product(id: request.productID),
              product.institutionID == String(institution.id) else { throw DomainError.notFound("该产品") }
        guard product.status == .online else { throw DomainError.conflict("只能为已上线的产品做预授信") }
        try request.table.validate(product: product)
        try request.scaling?.validate()
        guard request.validUntil >= today, today.days(until: request.validUntil) <= maxValidityDays else {
            throw DomainError.invalidInput(field: "validUntil", reason: "有效期须在今天到 \(maxValidityDays) 天之内")
        }
        if request.source == .uploaded, request.probabilities.isEmpty {
            throw DomainError.invalidInput(field: "probabilities", reason: "请上传违约概率文件（统一社会信用代码, 违约概率）")
        }

        let reads = PreapprovalReads(database: context.database)
        let firms = try await reads.registeredFirms()
        let listRecords = try await reads.listRecords(datasets: ExternalListings.datasets)
        let listings = try await reads.listings()
        let overdue = try await reads.overdueFirms()
        let recommended = request.requireRecommended ? try await reads.recommendedFirms() : []
        let withLine = try await reads.firmsWithLine(productID: request.productID)
        let scaling = request.scaling ?? .standard
        let scorecard = ScalingConfig(baseScore: Double(scaling.baseScore), baseOdds: Double(scaling.baseOdds), pdo: Double(scaling.pdo))

        var excluded: [String: Int] = [:]
        var declined: [String: Int] = [:]
        var offers: [PreapprovalStore.NewOffer] = []
        offers.reserveCapacity(firms.count)
        for firm in firms {
            let records = listRecords[firm.uscc] ?? []
            if isDishonest(records) { excluded[Exclusion.blacklisted, default: 0] += 1; continue }
            let inForce = ExternalListings.entries(records, uscc: firm.uscc, firmName: firm.name) + (listings[firm.uscc] ?? [])
            if !inForce.isEmpty, !(try ListEffects.blocking(inForce, on: today, catalogue: context.platform.measures,
                                                             rules: context.platform.listRules)).isEmpty {
                excluded[Exclusion.sanctioned, default: 0] += 1; continue
            }
            if overdue.contains(firm.uscc) { excluded[Exclusion.overdue, default: 0] += 1; continue }
            if withLine.contains(firm.uscc) { excluded[Exclusion.hasLine, default: 0] += 1; continue }
            if request.requireRecommended, !recommended.contains(firm.uscc) { excluded[Exclusion.notRecommended, default: 0] += 1; continue }
            let facts = FirmFacts(uscc: firm.uscc, name: firm.name, grade: firm.grade, score: max(firm.score, 0),
                                  industryCode: firm.industry, districtCode: firm.district,
                                  established: Day(iso: firm.establishedOn) ?? today, isDishonest: false,
                                  scale: firm.scale.isEmpty ? nil : firm.scale, quotaCapCents: .some(market.quotaCapCents(scale: firm.scale)))
            guard Eligibility.check(product, facts, today: today).isEligible else {
                excluded[Exclusion.productRules, default: 0] += 1; continue
            }
            let probability: DefaultProbability
            switch request.source {
            case .scorecard:
                guard firm.score >= 0 else { excluded[Exclusion.notEvaluated, default: 0] += 1; continue }
                probability = DefaultProbability(fraction: scorecard.probabilityOfBad(score: Double(firm.score))) ?? DefaultProbability(ppm: DefaultProbability.scale)
            case .uploaded:
                guard let p = request.probabilities[firm.uscc] else { excluded[Exclusion.noProbability, default: 0] += 1; continue }
                probability = p
            }
            let candidate = PreapprovalPricing.Candidate(uscc: firm.uscc, grade: firm.grade, probability: probability,
                                                         scale: firm.scale.isEmpty ? nil : firm.scale,
                                                         capCents: .some(market.quotaCapCents(scale: firm.scale)))
            switch PreapprovalPricing.price(candidate, table: request.table, product: product, source: request.source) {
            case .offer(let terms):
                offers.append(.init(uscc: firm.uscc, firmName: firm.name, terms: terms, probability: probability))
            case .none(let reason):
                declined[Self.declineKey(reason), default: 0] += 1
            }
        }
        let elapsed = ContinuousClock.now - started
        let millis = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let run = PreapprovalRun(
            id: 0, institutionID: institution.id, productID: request.productID, productName: product.name, source: request.source,
            table: request.table, scaling: request.source == .scorecard ? scaling : nil, requireRecommended: request.requireRecommended,
            validUntil: request.validUntil, ranOn: today, ranBy: principal.name, universe: firms.count, excluded: excluded,
            declined: declined, offers: offers.count, offeredTotal: Cents(offers.reduce(0) { $0 + $1.terms.limit.value }),
            offersDigest: PreapprovalStore.digest(offers), elapsedMillis: millis)
        return try await context.preapprovalStore.store(run, offers: offers, at: context.clock.now())
    }

    /// The reason a priced firm got no offer, without its figures (the run counts firms per reason).
    static func declineKey(_ reason: String) -> String {
        if reason.hasPrefix("违约概率") && reason.contains("高于") { return "违约概率高于上限" }
        if reason.hasPrefix("信用等级") { return "信用等级不在授信表中" }
        if reason.hasPrefix("违约概率") { return "违约概率不在任何档内" }
        return "额度低于产品最低额度"
    }

    /// On a dishonesty list or a black list not yet removed (the products' reading: `FirmFactsLoader`).
    static func isDishonest(_ records: [StoredRecord]) -> Bool {
        records.contains { record in
            switch record.dataset {
            case "judicial.dishonest": (record.content["removed_on"] ?? "").isEmpty
            case "credit.list": record.content["list_type"] == "black" && (record.content["removed_on"] ?? "").isEmpty
            default: false
            }
        }
    }

    /// Reads an uploaded file of `uscc,probability` rows (a header line is skipped; probabilities as 0.0085 or
    /// 0.85%); a row that cannot be read is refused with its line number.
    public static func parseProbabilities(_ text: String) throws -> [String: DefaultProbability] {
        var out: [String: DefaultProbability] = [:]
        var number = 0
        for line in text.split(whereSeparator: \.isNewline) {
            number += 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            if number == 1, cells.first?.lowercased() == "uscc" || cells.first == "统一社会信用代码" { continue }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count >= 2, !cells[0].isEmpty, let p = DefaultProbability(text: cells[1]) else {
                throw DomainError.invalidInput(field: "probabilities", reason: "第 \(number) 行应为“统一社会信用代码,违约概率（0 到 1 之间）”")
            }
            out[cells[0]] = p
            guard out.count <= maxProbabilities else {
                throw DomainError.invalidInput(field: "probabilities", reason: "最多 \(maxProbabilities) 行")
            }
        }
        return out
    }

    // MARK: Reads

    /// The institution's runs, newest first.
    public static func runs(_ context: ServiceContext, _ principal: Principal) async throws -> [PreapprovalRun] {
        try await context.preapprovalStore.runs(institutionID: try principal.requireInstitution().id)
    }

    /// One of the institution's runs (another's is not found).
    public static func run(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> PreapprovalRun {
        let institution = try principal.requireInstitution()
        guard let id, let run = try await context.preapprovalStore.run(id: id), run.institutionID == institution.id else {
            throw DomainError.notFound("该预授信批次")
        }
        return run
    }

    /// A page of one of the institution's runs' offers.
    public static func offers(_ context: ServiceContext, _ principal: Principal, runID: Int64?,
                              paging: Paging) async throws -> (PreapprovalRun, ResultPage<PreapprovalOffer>) {
        let run = try await run(context, principal, id: runID)
        return (run, try await context.preapprovalStore.offers(runID: run.id, paging: paging))
    }

    /// The firm's offers still open today.
    public static func openOffers(_ context: ServiceContext, _ principal: Principal) async throws -> [PreapprovalOffer] {
        try await context.preapprovalStore.openOffers(uscc: try principal.requireEnterprise(), on: context.clock.today)
    }

    /// A run's offers as CSV (UTF-8 with BOM), every offer.
    public static func offersCSV(_ context: ServiceContext, _ principal: Principal, runID: Int64?) async throws -> String {
        let run = try await run(context, principal, id: runID)
        let today = context.clock.today
        var out = "\u{FEFF}统一社会信用代码,企业名称,预授信额度（元）,执行利率,利率区间,期限（月）,违约概率,有效期至,状态,理由\r\n"
        try await context.preapprovalStore.eachOffer(runID: run.id) { offers in
            for o in offers {
                out += [o.uscc, o.firmName, o.limit.yuanDecimalText, o.rate.percentText, o.rates.text, String(o.termMonths),
                        o.probability.percentText, o.validUntil.description, o.statusLabel(on: today),
                        o.reasons.joined(separator: "；")].map(CSVExport.field).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }
}
