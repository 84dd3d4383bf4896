import Domain
import Persistence
import Services
import Vapor

/// The risk compensation funds over the API: programmes and agreements, registrations (入库), material, claims with
/// their review steps and recoveries, the books and the simulator. Amounts are integer cents.
struct FundAPI {
    func register(_ api: any RoutesBuilder) {
        let fund = api.grouped("fund")
        fund.get("programmes", use: programmes)
        fund.post("programmes", use: open)
        fund.post("programmes", ":scheme", "agreements", use: sign)
        fund.get("programmes", ":scheme", "dashboard", use: dashboard)
        fund.get("programmes", ":scheme", "journal", use: journal)
        fund.post("programmes", ":scheme", "journal", use: book)
        fund.post("programmes", ":scheme", "simulations", use: simulate)
        fund.get("registrations", use: registrations)
        fund.on(.POST, "materials", body: .stream, use: upload)
        fund.get("claims", use: claims)
        fund.post("claims", use: file)
        fund.post("claims", "estimate", use: estimate)
        fund.get("claims", ":id", use: claim)
        fund.post("claims", ":id", "steps", use: step)
        fund.post("claims", ":id", "recoveries", use: recover)
    }

    func programmes(_ req: Request) async throws -> [FundProgramme] {
        _ = try req.principal()
        return try await FundProgrammes.programmes(req.services)
    }

    struct OpenBody: Content { var template: String; var code: String; var name: String; var region: String?; var districtPrefixes: [String] }

    func open(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(OpenBody.self)
        let p = try await FundProgrammes.open(req.services, principal, template: body.template, code: body.code, name: body.name,
                                              region: body.region ?? "", districtPrefixes: body.districtPrefixes)
        return try await p.encodeResponse(status: .created, for: req)
    }

    struct AgreementBody: Content { var institutionId: Int64; var signedOn: String; var until: String? }

    func sign(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(AgreementBody.self)
        guard let signed = try RequestInput.optionalDay(body.signedOn, field: "signedOn") else {
            throw DomainError.invalidInput(field: "signedOn", reason: "请填写签订日期")
        }
        let a = try await FundProgrammes.sign(req.services, principal, scheme: req.parameters.get("scheme") ?? "",
                                              institutionId: body.institutionId, signedOn: signed,
                                              until: try RequestInput.optionalDay(body.until, field: "until"))
        return try await a.encodeResponse(status: .created, for: req)
    }

    struct DashboardResponse: Content {
        var scheme: String; var name: String; var cashCents: Int64; var payableCents: Int64; var coveredLoans: Int
        var coveredCents: Int64; var outstandingCents: Int64; var approvedCents: Int64; var paidCents: Int64; var recoveredCents: Int64
        var payoutRateBasisPoints: Int?; var recoveryRateBasisPoints: Int?; var leverageHundredths: Int?
        var claimsByStatus: [String: Int]
        var institutions: [Institution]
        struct Institution: Content {
            var institutionId: String; var name: String; var coveredLoans: Int; var coveredCents: Int64; var outstandingCents: Int64
            var overdueCents: Int64; var claims: Int; var paidCents: Int64; var recoveredCents: Int64
            var registrationsPaused: Bool; var claimsPaused: Bool
        }
    }

    func dashboard(_ req: Request) async throws -> DashboardResponse {
        let d = try await FundBooks.dashboard(req.services, try req.principal(), scheme: req.parameters.get("scheme") ?? "")
        return DashboardResponse(
            scheme: d.programme.schemeCode, name: d.programme.name, cashCents: d.cash.value, payableCents: d.payable.value,
            coveredLoans: d.coveredLoans, coveredCents: d.coveredAmount.value, outstandingCents: d.outstanding.value,
            approvedCents: d.approved.value, paidCents: d.paid.value, recoveredCents: d.recovered.value,
            payoutRateBasisPoints: d.payoutRateBasisPoints, recoveryRateBasisPoints: d.recoveryRateBasisPoints,
            leverageHundredths: d.leverageHundredths,
            claimsByStatus: Dictionary(d.claimsByStatus.map { ($0.status.rawValue, $0.count) }, uniquingKeysWith: +),
            institutions: d.institutions.map {
                .init(institutionId: $0.institutionId, name: $0.name, coveredLoans: $0.coveredLoans, coveredCents: $0.coveredAmount.value,
                      outstandingCents: $0.outstanding.value, overdueCents: $0.overdue.value, claims: $0.claims, paidCents: $0.paid.value,
                      recoveredCents: $0.recovered.value, registrationsPaused: $0.pause.registrationsPaused, claimsPaused: $0.pause.claimsPaused)
            })
    }

    struct JournalResponse: Content {
        var entries: [FundJournalEntry]
        var cashCents: Int64
        var trialBalance: [Line]
        struct Line: Content { var account: String; var balanceCents: Int64 }
    }

    func journal(_ req: Request) async throws -> JournalResponse {
        let principal = try req.principal()
        try FundBooks.requireFundSide(principal)
        let scheme = req.parameters.get("scheme") ?? ""
        _ = try await FundProgrammes.programme(req.services, scheme)
        let ledger = try await req.services.fundJournal.ledger(scheme: scheme)
        return JournalResponse(entries: ledger.entries, cashCents: ledger.cash().value,
                               trialBalance: ledger.trialBalance().map { .init(account: $0.account.label, balanceCents: $0.balance.value) })
    }

    struct BookBody: Content { var kind: String; var amountCents: Int64; var institutionId: Int64?; var day: String?; var memo: String? }

    func book(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(BookBody.self)
        guard let inflow = FundProgrammes.Inflow(rawValue: body.kind) else {
            throw DomainError.invalidInput(field: "kind", reason: "应为 capital、injection、contribution 或 interest")
        }
        let entry = try await FundProgrammes.book(req.services, principal, scheme: req.parameters.get("scheme") ?? "", inflow,
                                                  amount: Cents(body.amountCents), institutionId: body.institutionId,
                                                  day: try RequestInput.optionalDay(body.day, field: "day"), memo: body.memo ?? "")
        return try await entry.encodeResponse(status: .created, for: req)
    }

    struct SimulateBody: Content {
        var compareWith: String?; var paths: Int?; var years: Int?; var seed: UInt64?; var yearlyInjectionCents: Int64?
        var recoveryBasisPoints: Int?
        var variantShareBasisPoints: Int?; var variantPerLoanCapCents: Int64?; var variantPerInstitutionCapCents: Int64?
    }

    struct SimulationResponse: Content {
        var loans: Int; var startingBalanceCents: Int64; var lines: [String]; var results: [Result]
        struct Result: Content {
            var label: String; var probabilityOfRunningDry: Double; var dryYear: Int?; var meanPayoutCents: Int64
            var years: [Year]
        }
        struct Year: Content { var year: Int; var meanCents: Int64; var p5Cents: Int64; var p50Cents: Int64; var p95Cents: Int64 }
    }

    func simulate(_ req: Request) async throws -> SimulationResponse {
        let principal = try req.principal()
        try FundBooks.requireFundSide(principal)
        let body = try req.content.decode(SimulateBody.self)
        let paths = body.paths ?? 2_000, years = body.years ?? 3
        guard (1...100_000).contains(paths) else { throw DomainError.invalidInput(field: "paths", reason: "模拟路径数须在 1 到 100000 之间") }
        guard (1...30).contains(years) else { throw DomainError.invalidInput(field: "years", reason: "模拟年数须在 1 到 30 之间") }
        if let c = body.yearlyInjectionCents, c < 0 { throw DomainError.invalidInput(field: "yearlyInjectionCents", reason: "不能为负数") }
        let outcome = try await FundSimulation.run(req.services, principal, .init(
            scheme: req.parameters.get("scheme") ?? "", compareWith: body.compareWith, paths: paths, years: years,
            seed: body.seed ?? 2026, yearlyInjection: body.yearlyInjectionCents.map { Cents($0) },
            recoveryBasisPoints: body.recoveryBasisPoints ?? 2_000, variantShareBasisPoints: body.variantShareBasisPoints,
            variantPerLoanCap: body.variantPerLoanCapCents.map { Cents($0) },
            variantPerInstitutionCap: body.variantPerInstitutionCapCents.map { Cents($0) }))
        return SimulationResponse(loans: outcome.loans, startingBalanceCents: outcome.startingBalance.value, lines: outcome.lines,
                                  results: outcome.results.map { r in
            .init(label: r.label, probabilityOfRunningDry: r.result.probabilityOfRunningDry, dryYear: r.result.dryYear,
                  meanPayoutCents: r.result.totalPayouts.mean.value,
                  years: r.result.years.map { .init(year: $0.year, meanCents: $0.balance.mean.value, p5Cents: $0.balance.p5.value,
                                                    p50Cents: $0.balance.p50.value, p95Cents: $0.balance.p95.value) })
        })
    }

    func registrations(_ req: Request) async throws -> PageResponse<FundRegistrationRecord> {
        let principal = try req.principal()
        let covered = try BoundedFlag.parse(req.query[String.self, at: "covered"], field: "covered")
        let scheme = req.query[String.self, at: "scheme"].flatMap { $0.isEmpty ? nil : $0 }
        return PageResponse(try await FundRegistrations.book(req.services, principal, scheme: scheme, coveredOnly: covered,
                                                             paging: try req.paging()))
    }

    struct UploadResponse: Content { var key: String; var kind: String; var fileName: String; var sizeBytes: Int }

    /// The document is the request body (any content type), at most 5 MB, read only after the sender is known.
    func upload(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        _ = try principal.requireInstitution()
        guard let kind = FundMaterialKind(rawValue: req.query[String.self, at: "kind"] ?? "") else {
            throw DomainError.invalidInput(field: "kind", reason: "材料类别应为 " + FundMaterialKind.allCases.map(\.rawValue).joined(separator: "、") + " 之一")
        }
        let name = req.query[String.self, at: "name"] ?? kind.label
        var bytes: [UInt8] = []
        for try await chunk in req.body {
            bytes += chunk.readableBytesView
            if bytes.count > FundClaims.maxMaterialBytes {
                throw DomainError.invalidInput(field: "body", reason: "文件超过 \(FundClaims.maxMaterialBytes / 1_048_576) MB")
            }
        }
        let key = try await FundClaims.upload(req.services, principal, kind: kind, fileName: name,
                                              contentType: req.headers.contentType?.serialize() ?? "application/octet-stream", bytes: bytes)
        return try await UploadResponse(key: key, kind: kind.rawValue, fileName: name, sizeBytes: bytes.count)
            .encodeResponse(status: .created, for: req)
    }

    struct AttachmentBody: Content { var kind: String; var key: String; var signedBy: String? }

    static func attachments(_ list: [AttachmentBody]?) throws -> [FundAttachment] {
        try (list ?? []).map { a in
            guard let kind = FundMaterialKind(rawValue: a.kind) else {
                throw DomainError.invalidInput(field: "attachments.kind", reason: "未知的材料类别“\(a.kind)”")
            }
            return FundAttachment(kind: kind, file: a.key, signedBy: a.signedBy ?? "")
        }
    }

    struct FileBody: Content {
        var scheme: String; var loanId: Int64?; var lineId: Int64?; var attachments: [AttachmentBody]?; var lawsuitAcceptedOn: String?
        var writtenOffOn: String?; var judgmentOn: String?; var guaranteePaidOn: String?
    }

    static func input(_ body: FileBody) throws -> FundClaims.FileInput {
        guard body.loanId != nil || body.lineId != nil else {
            throw DomainError.invalidInput(field: "loanId", reason: "请指明贷款（loanId）或循环额度（lineId）")
        }
        for (field, id) in [("loanId", body.loanId), ("lineId", body.lineId)] where (id ?? 1) < 1 {
            throw DomainError.invalidInput(field: field, reason: "编号须为正整数")
        }
        return .init(scheme: body.scheme, loanId: body.loanId, lineId: body.lineId, attachments: try attachments(body.attachments),
              lawsuitAcceptedOn: try RequestInput.optionalDay(body.lawsuitAcceptedOn, field: "lawsuitAcceptedOn"),
              writtenOffOn: try RequestInput.optionalDay(body.writtenOffOn, field: "writtenOffOn"),
              judgmentOn: try RequestInput.optionalDay(body.judgmentOn, field: "judgmentOn"),
              guaranteePaidOn: try RequestInput.optionalDay(body.guaranteePaidOn, field: "guaranteePaidOn"))
    }

    struct EstimateResponse: Content { var payable: Bool; var reasons: [FundReason]; var computation: ClaimComputation? }

    func estimate(_ req: Request) async throws -> EstimateResponse {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let a = try await FundClaims.estimate(req.services, principal, Self.input(try req.content.decode(FileBody.self)))
        return EstimateResponse(payable: a.payable, reasons: a.reasons, computation: a.computation)
    }

    func file(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let record = try await FundClaims.file(req.services, principal, Self.input(try req.content.decode(FileBody.self)))
        return try await record.encodeResponse(status: .created, for: req)
    }

    func claims(_ req: Request) async throws -> PageResponse<FundClaimRecord> {
        let principal = try req.principal()
        let statuses = try (req.query[String.self, at: "status"] ?? "").split(separator: ",").map { text in
            guard let s = FundClaimStatus(rawValue: String(text)) else { throw DomainError.invalidInput(field: "status", reason: "未知的状态“\(text)”") }
            return s
        }
        return PageResponse(try await FundClaims.visible(req.services, principal, statuses: statuses, paging: try req.paging()))
    }

    func claim(_ req: Request) async throws -> FundClaimRecord {
        try await FundClaims.claim(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
    }

    struct StepBody: Content { var action: String; var reason: String?; var attachments: [AttachmentBody]? }

    func step(_ req: Request) async throws -> FundClaimRecord {
        let principal = try req.principal()
        // Only a claim the caller may read can be acted on: 404 before the body is read.
        let id = req.parameters.get("id", as: Int64.self)
        _ = try await FundClaims.claim(req.services, principal, id: id)
        let body = try req.content.decode(StepBody.self)
        let action: FundClaimAction
        if body.action == "resubmit" {
            action = .resubmit(try Self.attachments(body.attachments))
        } else if let kind = FundStepKind(rawValue: body.action) {
            action = kind.action(reason: body.reason ?? "")
        } else {
            throw DomainError.invalidInput(field: "action", reason: "应为 " + (FundStepKind.allCases.map(\.rawValue) + ["resubmit"]).joined(separator: "、") + " 之一")
        }
        return try await FundClaims.step(req.services, principal, id: id, action)
    }

    struct RecoveryBody: Content { var grossCents: Int64; var costsCents: Int64?; var day: String?; var note: String? }

    func recover(_ req: Request) async throws -> FundClaimRecord {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let id = req.parameters.get("id", as: Int64.self)
        _ = try await FundClaims.claim(req.services, principal, id: id)
        let body = try req.content.decode(RecoveryBody.self)
        return try await FundClaims.recover(req.services, principal, id: id,
                                            gross: Cents(body.grossCents), costs: Cents(body.costsCents ?? 0),
                                            day: try RequestInput.optionalDay(body.day, field: "day"), note: body.note ?? "")
    }
}

extension FundProgramme: Content {}
extension FundAgreement: Content {}
extension FundJournalEntry: Content {}
extension FundRegistrationRecord: Content {}
extension FundClaimRecord: Content {}
