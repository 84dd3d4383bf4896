import Domain
import Foundation
import JointModel
import Persistence

/// The credit center's side of joint modelling with a bank, one call per protocol message (the HTTP routes are thin
/// wrappers). The bank (guest) holds the labels and its features; the center (host) the data hub's features.
///
/// 1. `open`: the center picks its ids that may enter — registered, active firms whose authorisation lets this bank
///    use the features' authorised categories for loans — and nothing else; it hashes and blinds only those and
///    returns the offer. 2–3. `psiReply`, `psiResult`: X25519 PSI (see `PSIProtocol.swift`). **The bank learns the
///    intersection first** (its own ids that matched) and tells the center the matched offer positions, so **the
///    center learns the intersection too** (it must, to feed those firms' features to training); neither learns the
///    other's ids outside it, both learn the other's set size. 4–7. Hetero LR with Paillier, no arbiter
///    (`HeteroLRMessages.swift`). 8. `scores`: the center's partial scores w_h·x_h for the aligned firms, so the bank
///    gets one default probability per firm and never a feature; the run is recorded and logged here, with the model's
///    digest. 9. `report`: the bank's AUC on its labels, logged.
public enum JointModelling {
    public struct Opened: Sendable {
        public let sessionID: String
        public let offer: PSIHostOffer
        public let offeredCount: Int
        public let features: [CenterFeature]
        public let consentCategories: [String]
        public let minimumKeyBits: Int
        public let expiresAt: Date
    }

    /// How many ids a bank may put into one PSI query: its customer list, not the city's register.
    public static let maxQuerySize = 2_000_000

    static func institution(_ principal: Principal) throws -> Institution {
        try principal.requireInstitution()
    }

    static func domainError(_ error: any Error) -> any Error {
        if let e = error as? JointModelError {
            switch e {
            case .unexpectedMessage: return DomainError.conflict(e.description)
            case .emptyIntersection: return DomainError.conflict(e.description)
            default: return DomainError.invalidInput(field: "body", reason: e.description)
            }
        }
        return error
    }

    /// Runs a step on the bank's own session, mapping protocol errors to domain errors.
    static func step<T: Sendable>(_ context: ServiceContext, _ principal: Principal, _ sessions: JointSessions, _ id: String,
                                  _ body: @escaping @Sendable (JointHostSession, JointHostSession.State) throws -> (JointHostSession.State, T))
        async throws -> (JointHostSession, T)
    {
        let institution = try institution(principal)
        let session = try sessions.session(id, institutionID: institution.id, now: context.clock.now())
        do {
            let value = try await session.step(now: context.clock.now()) { try body(session, $0) }
            return (session, value)
        } catch {
            throw domainError(error)
        }
    }

    /// Checks that `id` is the caller's own live session (before its message is read): 403 for a non-institution,
    /// 404 for another institution's or an expired one.
    public static func requireSession(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String) throws {
        _ = try sessions.session(id, institutionID: try institution(principal).id, now: context.clock.now())
    }

    static func wrongState(_ expected: String) -> DomainError {
        DomainError.conflict("协议步骤顺序错误：当前应为“\(expected)”")
    }

    /// Step 1: a new session for the calling institution, with the center's PSI offer.
    public static func open(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, name: String,
                            features names: [String]) async throws -> Opened {
        let institution = try institution(principal)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 60 else { throw DomainError.invalidInput(field: "name", reason: "请填写模型名称（不超过 60 字）") }
        guard names.count <= CenterFeatures.all.count else { throw DomainError.invalidInput(field: "features", reason: "特征过多") }
        let features = try CenterFeatures.select(names, catalog: context.catalog)
        let categories = CenterFeatures.consentCategories(features, catalog: context.catalog)
        let today = context.clock.today
        let eligible = CenterFeatures.eligible(
            registered: try await context.registry.registered(), authorisations: try await context.authorisationStore.unexpired(on: today),
            institutionID: String(institution.id), categories: categories, today: today)
        guard !eligible.isEmpty else { throw DomainError.conflict("没有企业授权贵机构将所需数据类别用于联合建模，无法开始") }
        let id = "jm-" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let ids = Array(eligible)
        let (host, offer) = try await offload { () throws -> (PSIHost, PSIHostOffer) in
            let host = PSIHost(ids: ids, isAllowed: { _ in true }, domain: id, maxQuerySize: maxQuerySize)
            return (host, try host.offer())
        }
        let now = context.clock.now()
        let session = JointHostSession(id: id, name: name, institutionID: institution.id, features: features, host: host,
                                       offeredCount: ids.count, now: now)
        try sessions.add(session, now: now)
        return Opened(sessionID: id, offer: offer, offeredCount: ids.count, features: features, consentCategories: categories.sorted(),
                      minimumKeyBits: sessions.minimumKeyBits, expiresAt: now.addingTimeInterval(sessions.idleTimeout))
    }

    /// Step 2: the center blinds the bank's blinded ids once more.
    public static func psiReply(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                                query: PSIGuestQuery) async throws -> PSIHostReply {
        try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, PSIHostReply) in
            guard case .offered(var host) = state else { throw wrongState("求交结果") }
            let reply = try host.reply(to: query)
            return (.replied(host), reply)
        }.1
    }

    /// Step 3: the matched positions; the center reads the aligned firms' records and builds its feature matrix.
    /// Returns how many firms are aligned.
    public static func psiResult(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                                 result: PSIGuestResult) async throws -> Int {
        let institution = try institution(principal)
        let session = try sessions.session(id, institutionID: institution.id, now: context.clock.now())
        // The ids first (a cheap step), then the records outside the session's lock, then the matrix.
        let ids: [String] = try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, [String]) in
            guard case .replied(let host) = state else { throw wrongState("求交回复") }
            return (state, try host.finish(result))
        }.1
        guard !ids.isEmpty else { throw DomainError.conflict(JointModelError.emptyIntersection.description) }
        let datasets = Array(Set(session.features.map(\.dataset)))
        var records: [String: [StoredRecord]] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 2_000, ids.count)])
            records.merge(try await context.recordStore.records(usccs: chunk, datasets: datasets)) { a, _ in a }
            start += chunk.count
        }
        let today = context.clock.today
        let matrix = try CenterFeatures.matrix(session.features, usccs: ids, records: records, today: today)
        return try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, Int) in
            guard case .replied = state else { throw wrongState("求交回复") }
            return (.aligned(ids: ids, features: matrix), ids.count)
        }.1
    }

    /// Step 4: the bank's training setup (its public key, its feature count, the parameters); the center's key and feature names back.
    public static func setup(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                             setup: HeteroLRSetup) async throws -> HeteroLRHostReady {
        let minimum = sessions.minimumKeyBits
        return try await step(context, principal, sessions, id) { (session, state) throws -> (JointHostSession.State, HeteroLRHostReady) in
            guard case .aligned(let ids, let features) = state else { throw wrongState("建模参数") }
            guard setup.runId == session.id else { throw DomainError.invalidInput(field: "runId", reason: "运行标识应为会话编号") }
            guard setup.config.keyBits >= minimum, setup.guestPublicKey.bits >= minimum else {
                throw DomainError.invalidInput(field: "config.keyBits", reason: "Paillier 密钥至少 \(minimum) 位")
            }
            guard setup.config.epochs <= 100, setup.guestFeatureNames.count <= 1_000 else {
                throw DomainError.invalidInput(field: "config", reason: "轮数至多 100，银行特征至多 1000 个")
            }
            let host = try HeteroLRHost(setup: setup, features: features)
            return (.training(host, ids: ids, features: features), host.ready())
        }.1
    }

    /// Step 5: the next batch's [[u]]_h, or nil when training is over.
    public static func forward(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String)
        async throws -> HostForward?
    {
        try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, HostForward?) in
            guard case .training(var host, let ids, let features) = state else { throw wrongState("训练") }
            if let forward = try host.nextForward() { return (.training(host, ids: ids, features: features), forward) }
            return (.trained(host.model, keyBits: host.config.keyBits, bankFeatures: 0, ids: ids, features: features), nil)
        }.1
    }

    /// Step 6: the guest's halves and masked gradient in, the host's masked gradient out.
    public static func gradient(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                                forward: GuestForward) async throws -> HostBackward {
        try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, HostBackward) in
            guard case .training(var host, let ids, let features) = state else { throw wrongState("训练") }
            let backward = try host.handle(forward)
            return (.training(host, ids: ids, features: features), backward)
        }.1
    }

    /// Step 7: the host's gradient, unmasked by the center, updates its weights.
    public static func backward(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                                backward: GuestBackward) async throws {
        _ = try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, Bool) in
            guard case .training(var host, let ids, let features) = state else { throw wrongState("训练") }
            try host.handle(backward)
            return (.training(host, ids: ids, features: features), true)
        }
    }

    public struct Scored: Sendable {
        public let share: HostScoreShare
        public let run: JointRun
        public let hostPartDigest: String
    }

    /// Step 8: the center's partial scores for the aligned firms; the run is recorded (members = the aligned firms) and logged.
    public static func scores(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                              guestPartDigest: String, bankFeatureCount: Int) async throws -> Scored {
        guard let guestPart = hexBytes(guestPartDigest), guestPart.count == 32 else {
            throw DomainError.invalidInput(field: "guestPartDigest", reason: "应为 64 位十六进制 SHA-256 摘要")
        }
        guard (0...1_000).contains(bankFeatureCount) else { throw DomainError.invalidInput(field: "bankFeatureCount", reason: "应在 0 到 1000 之间") }
        let (session, out) = try await step(context, principal, sessions, id) { (_, state) throws -> (JointHostSession.State, (HostScoreShare, [UInt8], Int, [String])) in
            guard case .trained(let model, let keyBits, _, let ids, let features) = state else { throw wrongState("训练完成") }
            let share = try model.scoreShare(ids: ids, features: features)
            return (.scored, (share, model.digest, keyBits, ids))
        }
        let (share, hostPart, keyBits, ids) = out
        let run = JointRun(runId: session.id, name: session.name, institutionID: session.institutionID, status: .trained,
                           centerFeatures: session.features.map(\.name), featureDigest: CenterFeatures.digest(session.features),
                           bankFeatureCount: bankFeatureCount, alignedCount: ids.count, offeredCount: session.offeredCount,
                           modelDigest: JointModelDigest.combine(guestPart: guestPart, hostPart: hostPart), keyBits: keyBits,
                           createdAt: context.clock.now())
        let stored = try await context.jointRunStore.record(run, members: ids)
        return Scored(share: share, run: stored, hostPartDigest: hex(hostPart))
    }

    /// Step 9: the bank's AUC on its labels over the aligned firms; the session ends.
    public static func report(_ context: ServiceContext, _ principal: Principal, sessions: JointSessions, id: String,
                              auc: Double) async throws -> JointRun {
        let institution = try institution(principal)
        guard auc.isFinite, (0...1).contains(auc) else { throw DomainError.invalidInput(field: "auc", reason: "AUC 应在 0 到 1 之间") }
        let session = try sessions.session(id, institutionID: institution.id, now: context.clock.now())
        let run = try await context.jointRunStore.reportAUC(runId: session.id, institutionID: institution.id, auc: auc,
                                                            at: context.clock.now())
        sessions.remove(id)
        return run
    }

    /// The runs: all of them for the credit center, an institution's own for its staff.
    public static func runs(_ context: ServiceContext, _ principal: Principal) async throws -> [JointRun] {
        switch principal.role {
        case .creditCenter: return try await context.jointRunStore.runs()
        case .institutionAdmin, .institutionStaff: return try await context.jointRunStore.runs(institutionID: try principal.requireInstitution().id)
        default: throw DomainError.forbidden("仅信用中心和金融机构可查看联合建模记录")
        }
    }

    /// The joint models a firm's data took part in (the firm's own only).
    public static func participations(_ context: ServiceContext, _ principal: Principal) async throws -> [JointRunParticipation] {
        try await context.jointRunStore.participations(uscc: try principal.requireEnterprise())
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.lowercased().utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}

extension ServiceContext {
    public var jointRunStore: JointRunStore { JointRunStore(database: database) }
}
