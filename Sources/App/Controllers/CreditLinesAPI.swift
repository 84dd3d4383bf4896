import Domain
import Persistence
import Services
import Vapor

/// Pre-approved revolving credit over the API. The bank runs pre-approval for a product and lists its runs, their
/// offers and its lines; the firm lists its open offers, accepts one, and draws on and repays its line. Amounts are
/// integer cents, rates basis points, probabilities fractions in requests and parts per million in responses.
struct CreditLinesAPI {
    func register(_ api: any RoutesBuilder) {
        let pre = api.grouped("preapproval")
        pre.post("runs", use: run)
        pre.get("runs", use: runs)
        pre.get("runs", ":id", "offers", use: runOffers)
        pre.get("offers", use: firmOffers)
        pre.post("offers", ":id", "accept", use: accept)
        let lines = api.grouped("credit-lines")
        lines.get(use: list)
        lines.get(":id", use: line)
        lines.post(":id", "draws", use: draw)
        lines.post(":id", "repayments", use: repay)
    }

    static let bank: Set<Role> = [.institutionAdmin, .institutionStaff]

    struct RunBody: Content {
        var productId: Int64
        var validUntil: String
        var requireRecommended: Bool?
        var source: String
        var table: Table
        var scaling: ScorecardScaling?
        var probabilities: [Probability]?
        /// The same as `probabilities`, as the CSV text a joint model run writes (`uscc,probability` rows).
        var probabilitiesCsv: String?

        struct Table: Content { var basis: String; var ceiling: Double; var bands: [Band] }
        struct Band: Content {
            var grade: String?; var upTo: Double?; var maxLimitCents: Int64; var minRateBasisPoints: Int; var maxRateBasisPoints: Int
            var termMonths: Int
        }
        struct Probability: Content { var uscc: String; var probability: Double }
    }

    /// The request's table and probabilities, checked.
    static func request(_ body: RunBody) throws -> Preapprovals.RunRequest {
        guard let basis = PreapprovalTable.Basis(rawValue: body.table.basis) else {
            throw DomainError.invalidInput(field: "table.basis", reason: "应为 grade 或 probability")
        }
        guard let source = ProbabilitySource(rawValue: body.source) else {
            throw DomainError.invalidInput(field: "source", reason: "应为 scorecard 或 uploaded")
        }
        guard let ceiling = DefaultProbability(fraction: body.table.ceiling) else {
            throw DomainError.invalidInput(field: "table.ceiling", reason: "应为 0 到 1 之间的概率")
        }
        guard body.table.bands.count <= PreapprovalTable.maxBands else {
            throw DomainError.invalidInput(field: "table.bands", reason: "授信表最多 \(PreapprovalTable.maxBands) 档")
        }
        let bands = try body.table.bands.enumerated().map { index, b in
            var upTo: DefaultProbability?
            if let value = b.upTo {
                guard let p = DefaultProbability(fraction: value) else {
                    throw DomainError.invalidInput(field: "table.bands[\(index)].upTo", reason: "应为 0 到 1 之间的概率")
                }
                upTo = p
            }
            guard (1...100_000_000_000).contains(b.maxLimitCents) else {
                throw DomainError.invalidInput(field: "table.bands[\(index)].maxLimitCents", reason: "最高额度须在 1 分到 10 亿元之间")
            }
            return PreapprovalTable.Band(grade: b.grade, upTo: upTo, maxLimit: Cents(b.maxLimitCents),
                                         rates: RateRange(minBasisPoints: b.minRateBasisPoints, maxBasisPoints: b.maxRateBasisPoints),
                                         termMonths: b.termMonths)
        }
        guard let validUntil = try RequestInput.optionalDay(body.validUntil, field: "validUntil") else {
            throw DomainError.invalidInput(field: "validUntil", reason: "请填写有效期")
        }
        var probabilities: [String: DefaultProbability] = [:]
        if let csv = body.probabilitiesCsv { probabilities = try Preapprovals.parseProbabilities(csv) }
        for (index, row) in (body.probabilities ?? []).enumerated() {
            guard let p = DefaultProbability(fraction: row.probability) else {
                throw DomainError.invalidInput(field: "probabilities[\(index)]", reason: "违约概率应在 0 到 1 之间")
            }
            probabilities[row.uscc.trimmingSpaces()] = p
        }
        return Preapprovals.RunRequest(productID: body.productId, validUntil: validUntil, requireRecommended: body.requireRecommended ?? false,
                                       source: source, table: PreapprovalTable(basis: basis, bands: bands, ceiling: ceiling),
                                       scaling: body.scaling, probabilities: probabilities)
    }

    struct RunView: Content {
        var id: Int64; var productId: Int64; var productName: String; var source: String; var requireRecommended: Bool
        var validUntil: String; var ranOn: String; var universe: Int; var excluded: [String: Int]; var declined: [String: Int]
        var offers: Int; var offeredTotalCents: Int64; var offersDigest: String; var elapsedMillis: Int
        init(_ r: PreapprovalRun) {
            id = r.id; productId = r.productID; productName = r.productName; source = r.source.rawValue
            requireRecommended = r.requireRecommended; validUntil = r.validUntil.description; ranOn = r.ranOn.description
            universe = r.universe; excluded = r.excluded; declined = r.declined; offers = r.offers
            offeredTotalCents = r.offeredTotal.value; offersDigest = r.offersDigest; elapsedMillis = r.elapsedMillis
        }
    }

    struct OfferView: Content {
        var id: Int64; var runId: Int64; var institutionId: Int64; var institutionName: String; var productId: Int64
        var productName: String; var uscc: String; var firmName: String; var status: String; var limitCents: Int64
        var rateBasisPoints: Int; var rateMinBasisPoints: Int; var rateMaxBasisPoints: Int; var termMonths: Int
        var probabilityPpm: Int; var validUntil: String; var expired: Bool; var reasons: [String]; var lineId: Int64?
        init(_ o: PreapprovalOffer, today: Day) {
            id = o.id; runId = o.runID; institutionId = o.institutionID; institutionName = o.institutionName; productId = o.productID
            productName = o.productName; uscc = o.uscc; firmName = o.firmName; status = o.status.rawValue; limitCents = o.limit.value
            rateBasisPoints = o.rate.basisPoints; rateMinBasisPoints = o.rates.minBasisPoints; rateMaxBasisPoints = o.rates.maxBasisPoints
            termMonths = o.termMonths; probabilityPpm = o.probability.ppm; validUntil = o.validUntil.description
            expired = o.status == .offered && today > o.validUntil; reasons = o.reasons; lineId = o.lineID
        }
    }

    struct LineView: Content {
        var id: Int64; var offerId: Int64; var institutionId: Int64; var institutionName: String; var productId: Int64
        var productName: String; var uscc: String; var firmName: String; var limitCents: Int64; var rateBasisPoints: Int
        var openedOn: String; var maturesOn: String; var status: String; var drawnCents: Int64; var availableCents: Int64
        var interestCents: Int64; var interestPaidCents: Int64; var dailyInterestCents: Int64; var overdueDays: Int
        var classification: String; var dayCount: String; var entries: [Entry]
        struct Entry: Content {
            var id: Int64; var kind: String; var day: String; var amountCents: Int64; var interestCents: Int64; var principalCents: Int64
            /// A draw's coupon, its cut and what it has forgone so far (settled and pending).
            var couponId: Int64?; var couponCutBasisPoints: Int?; var couponForgoneCents: Int64?
        }
        init(_ s: CreditLineStore.Stored, today: Day, thresholds: ClassificationThresholds) {
            let l = s.line, p = l.position(asOf: today)
            id = l.id; offerId = l.offerID; institutionId = l.institutionID; institutionName = l.institutionName
            productId = l.productID; productName = l.productName; uscc = l.uscc; firmName = l.firmName; limitCents = l.ledger.limit.value
            rateBasisPoints = l.ledger.rate.basisPoints; openedOn = l.ledger.openedOn.description; maturesOn = l.ledger.maturesOn.description
            status = p.status.rawValue; drawnCents = p.principal.value; availableCents = p.available.value; interestCents = p.interest.value
            interestPaidCents = p.interestPaid.value; dailyInterestCents = p.dailyInterest.value; overdueDays = p.overdueDays
            classification = l.classification(asOf: today, thresholds: thresholds).rawValue; dayCount = "ACT/360"
            let forgone = l.ledger.couponDraws.isEmpty ? [:] : l.ledger.couponForgone(asOf: today)
            entries = l.ledger.entries.map {
                Entry(id: $0.id, kind: $0.kind.rawValue, day: $0.day.description, amountCents: $0.amount.value,
                      interestCents: $0.interestPart.value, principalCents: $0.principalPart.value, couponId: $0.coupon?.couponID,
                      couponCutBasisPoints: $0.coupon?.cutBasisPoints, couponForgoneCents: $0.coupon.flatMap { forgone[$0.couponID]?.total.value })
            }
        }
    }

    struct MovementView: Content {
        /// The ledger row: for a draw, the draw's stable id.
        var entryId: Int64; var kind: String; var amountCents: Int64; var interestCents: Int64; var principalCents: Int64
        var couponId: Int64?; var couponCutBasisPoints: Int?
        var line: LineView
    }

    func run(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let request = try Self.request(try req.content.decode(RunBody.self))
        let run = try await Preapprovals.run(req.services, principal, request)
        return try await RunView(run).encodeResponse(status: .created, for: req)
    }

    func runs(_ req: Request) async throws -> [RunView] {
        let principal = try req.principal(in: Self.bank)
        return try await Preapprovals.runs(req.services, principal).map(RunView.init)
    }

    func runOffers(_ req: Request) async throws -> PageResponse<OfferView> {
        let principal = try req.principal(in: Self.bank)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let (_, page) = try await Preapprovals.offers(req.services, principal, runID: id, paging: try req.paging())
        let today = req.services.clock.today
        return PageResponse(ResultPage(items: page.items.map { OfferView($0, today: today) }, page: page.page, perPage: page.perPage,
                                       total: page.total))
    }

    func firmOffers(_ req: Request) async throws -> [OfferView] {
        let principal = try req.principal(in: [.enterprise])
        let today = req.services.clock.today
        return try await Preapprovals.openOffers(req.services, principal).map { OfferView($0, today: today) }
    }

    func accept(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let stored = try await CreditLines.accept(req.services, principal, offerID: id)
        return try await lineView(req, stored).encodeResponse(status: .created, for: req)
    }

    func lineView(_ req: Request, _ stored: CreditLineStore.Stored) -> LineView {
        LineView(stored, today: req.services.clock.today, thresholds: req.services.platform.policy.classification)
    }

    func list(_ req: Request) async throws -> PageResponse<LineView> {
        let principal = try req.principal(in: Self.bank.union([.enterprise]))
        let paging = try req.paging()
        if principal.role == .enterprise {
            let lines = try await CreditLines.firmLines(req.services, principal)
            return PageResponse(ResultPage(items: lines.map { lineView(req, $0) }, page: 1, perPage: max(lines.count, 1), total: lines.count))
        }
        let page = try await CreditLines.lines(req.services, principal, paging: paging)
        return PageResponse(ResultPage(items: page.items.map { lineView(req, $0) }, page: page.page, perPage: page.perPage, total: page.total))
    }

    func line(_ req: Request) async throws -> LineView {
        let principal = try req.principal(in: Self.bank.union([.enterprise]))
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        return lineView(req, try await CreditLines.line(req.services, principal, id: id))
    }

    struct AmountBody: Content { var amountCents: Int64 }

    func amount(_ req: Request) throws -> Cents {
        let body = try req.content.decode(AmountBody.self)
        guard (1...100_000_000_000).contains(body.amountCents) else {
            throw DomainError.invalidInput(field: "amountCents", reason: "金额须在 1 分到 10 亿元之间")
        }
        return Cents(body.amountCents)
    }

    struct DrawBody: Content { var couponId: Int64? }

    func draw(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let couponID = try req.content.decode(DrawBody.self).couponId
        if let couponID, couponID < 1 { throw DomainError.invalidInput(field: "couponId", reason: "信用券编号须为正整数") }
        let movement = try await CreditLines.draw(req.services, principal, lineID: id, amount: try amount(req), couponID: couponID)
        return try await movementView(req, movement).encodeResponse(status: .created, for: req)
    }

    func repay(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let movement = try await CreditLines.repay(req.services, principal, lineID: id, amount: try amount(req))
        return try await movementView(req, movement).encodeResponse(status: .created, for: req)
    }

    func movementView(_ req: Request, _ m: CreditLineStore.Movement) -> MovementView {
        MovementView(entryId: m.entryID, kind: m.entry.kind.rawValue, amountCents: m.entry.amount.value,
                     interestCents: m.entry.interestPart.value, principalCents: m.entry.principalPart.value,
                     couponId: m.entry.coupon?.couponID, couponCutBasisPoints: m.entry.coupon?.cutBasisPoints, line: lineView(req, m.line))
    }
}

extension ScorecardScaling: Content {}
