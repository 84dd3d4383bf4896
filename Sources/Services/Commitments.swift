import Domain
import Persistence

/// Signing the credit commitment and checking it is in force.
public enum Commitments {
    public static func identity(_ context: ServiceContext, uscc: String) async throws -> RegisteredIdentity? {
        try await context.registry.enterprise(uscc).map { RegisteredIdentity(name: $0.name, legalRepresentative: $0.legalRep) }
    }

    public static func sign(_ context: ServiceContext, _ principal: Principal, signer: String, version: Int?) async throws {
        let uscc = try principal.requireEnterprise()
        guard let template = try await context.commitmentStore.latestTemplate() else { throw DomainError.notFound("信用承诺书模板") }
        guard version == nil || version == template.version else {
            throw DomainError.conflict("承诺书模板已更新为第 \(template.version) 版，请阅读新版后再签署")
        }
        guard let identity = try await identity(context, uscc: uscc) else { throw DomainError.notFound("贵企业的登记信息") }
        let commitment = try CreditCommitment.sign(template, uscc: uscc, firmName: identity.name,
                                                   legalRepresentative: identity.legalRepresentative,
                                                   signerName: signer, at: context.clock.now())
        try await context.commitmentStore.save(commitment)
    }

    /// After registration data changed: commitments whose firm name or legal representative no longer match
    /// are invalidated with the reason (the firm is asked to sign again).
    public static func revalidate(_ context: ServiceContext, firms: [String]) async throws {
        let store = context.commitmentStore
        for uscc in firms {
            guard let current = try await store.commitments(uscc: uscc).first(where: \.isInForce),
                  let firm = try await context.registry.enterprise(uscc) else { continue }
            let identity = RegisteredIdentity(name: firm.name, legalRepresentative: firm.legalRep)
            if case .mustResign(let reasons) = current.commitment.validity(forCurrent: identity) {
                try await store.invalidate(id: current.id, reason: reasons.joined(separator: "；"))
            }
        }
    }

    /// Throws unless the firm's latest commitment is in force and still names its registered name and legal
    /// representative (else it is invalidated). A passed check is kept until the firm's consents or profile change.
    public static func requireInForce(_ context: ServiceContext, uscc: String) async throws {
        _ = try await context.readCache.commitmentChecks.value(uscc, stamp: context.stamp(.consents, .profiles)) {
            try await checkInForce(context, uscc: uscc)
            return true
        }
    }

    public static func checkInForce(_ context: ServiceContext, uscc: String) async throws {
        guard let current = try await context.commitmentStore.commitments(uscc: uscc).first(where: \.isInForce) else {
            throw DomainError.conflict("请先在“信用承诺”中签署信用承诺书")
        }
        if let identity = try await identity(context, uscc: uscc),
           case .mustResign(let reasons) = current.commitment.validity(forCurrent: identity) {
            let reason = reasons.joined(separator: "；")
            try await context.commitmentStore.invalidate(id: current.id, reason: reason)
            throw DomainError.conflict("信用承诺书已失效（\(reason)），请重新签署")
        }
    }

    /// The credit center publishes a new version of the commitment template; signed commitments keep theirs.
    public static func publishTemplate(_ context: ServiceContext, _ principal: Principal, title: String?,
                                       body: String?) async throws -> CommitmentTemplate {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可维护承诺书模板") }
        return try await context.commitmentStore.publishTemplate(
            title: try Validate.text(title, field: "标题", max: 60), body: try Validate.text(body, field: "正文", max: 20_000),
            by: principal.name)
    }
}
