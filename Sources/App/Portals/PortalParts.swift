import Domain
import Persistence
import Vapor
import Views

/// Amounts typed by people: yuan with at most two decimals.
enum Money {
    static func cents(_ text: String?, field: String) throws -> Cents {
        let raw = (text ?? "").trimmingSpaces().replacingOccurrences(of: ",", with: "")
        guard let value = Decimal(string: raw), value > 0, value < 10_000_000_000 else {
            throw DomainError.invalidInput(field: field, reason: "应为大于 0 的金额（元），如 500000 或 1234.56")
        }
        var cents = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        guard rounded == cents else { throw DomainError.invalidInput(field: field, reason: "最多保留两位小数") }
        return Cents(NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// A rate typed as a percentage ("4.35") in basis points (435).
    static func basisPoints(_ text: String?, field: String) throws -> Int {
        guard let value = Double((text ?? "").trimmingSpaces()), value >= 0, value <= 100 else {
            throw DomainError.invalidInput(field: field, reason: "应为年利率百分数，如 4.35")
        }
        return Int((value * 100).rounded())
    }
}

/// Loan jobs the portals and workers share.
enum Loans {}

extension Loans {
    /// The daily job: every open loan's overdue days and classification as of `day`.
    static func reclassifyAll(_ app: Application, asOf day: Day) async throws {
        let store = app.loanStore
        for id in try await store.openLoanIDs() {
            try await store.reclassify(loanID: id, asOf: day, thresholds: app.platform.config.classification)
        }
    }
}

/// Building an authorisation from form or API input.
enum Authorisations {
    static func make(uscc: String, institutions: [String], categories: [String], purposes: [String], validUntil: Day,
                     offline: Bool = false, scanReference: String? = nil) throws -> Authorisation {
        let scope: AuthorisationScope = institutions.contains("all") || institutions.isEmpty
            ? .allRegisteredInstitutions : .institutions(Set(institutions))
        let authorisation = Authorisation(
            id: "", uscc: uscc, scope: scope, categories: Set(categories),
            purposes: Set(purposes.compactMap(AuthorisationPurpose.init(rawValue:))), validFrom: .today(),
            validUntil: validUntil, signedAt: Date(), isOffline: offline, scanReference: scanReference)
        try authorisation.validate()
        return authorisation
    }
}

/// Signing the credit commitment and checking it is in force.
enum Commitments {
    static func identity(_ req: Request, uscc: String) async throws -> RegisteredIdentity? {
        try await req.registry.enterprise(uscc).map { RegisteredIdentity(name: $0.name, legalRepresentative: $0.legalRep) }
    }

    static func sign(_ req: Request, _ principal: Principal, signer: String, version: Int?) async throws {
        let uscc = try principal.requireEnterprise()
        guard let template = try await req.commitmentStore.latestTemplate() else { throw DomainError.notFound("信用承诺书模板") }
        guard version == nil || version == template.version else {
            throw DomainError.conflict("承诺书模板已更新为第 \(template.version) 版，请阅读新版后再签署")
        }
        guard let identity = try await identity(req, uscc: uscc) else { throw DomainError.notFound("贵企业的登记信息") }
        let commitment = try CreditCommitment.sign(template, uscc: uscc, firmName: identity.name,
                                                   legalRepresentative: identity.legalRepresentative,
                                                   signerName: signer, at: Date())
        try await req.commitmentStore.save(commitment)
    }

    /// After registration data changed: commitments whose firm name or legal representative no longer match
    /// are invalidated with the reason (the firm is asked to sign again).
    static func revalidate(_ app: Application, firms: [String]) async throws {
        let store = CommitmentStore(database: app.db)
        for uscc in firms {
            guard let current = try await store.commitments(uscc: uscc).first(where: \.isInForce),
                  let firm = try await app.registry.enterprise(uscc) else { continue }
            let identity = RegisteredIdentity(name: firm.name, legalRepresentative: firm.legalRep)
            if case .mustResign(let reasons) = current.commitment.validity(forCurrent: identity) {
                try await store.invalidate(id: current.id, reason: reasons.joined(separator: "；"))
            }
        }
    }

    /// Throws unless the firm's latest commitment is in force and still names its registered name and legal
    /// representative (else it is invalidated). A passed check is kept until the firm's consents or profile change.
    static func requireInForce(_ req: Request, uscc: String) async throws {
        _ = try await req.readCache.commitmentChecks.value(uscc, stamp: req.stamp(.consents, .profiles)) {
            try await checkInForce(req, uscc: uscc)
            return true
        }
    }

    static func checkInForce(_ req: Request, uscc: String) async throws {
        guard let current = try await req.commitmentStore.commitments(uscc: uscc).first(where: \.isInForce) else {
            throw DomainError.conflict("请先在“信用承诺”中签署信用承诺书")
        }
        if let identity = try await identity(req, uscc: uscc),
           case .mustResign(let reasons) = current.commitment.validity(forCurrent: identity) {
            let reason = reasons.joined(separator: "；")
            try await req.commitmentStore.invalidate(id: current.id, reason: reason)
            throw DomainError.conflict("信用承诺书已失效（\(reason)），请重新签署")
        }
    }
}
