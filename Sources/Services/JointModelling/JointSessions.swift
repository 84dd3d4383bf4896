import Domain
import Foundation
import JointModel
import NIOConcurrencyHelpers

/// The credit center's joint-modelling sessions, kept **in memory** (not in a table): a session holds secrets (the
/// PSI blinding key, the center's Paillier private key) that must never be written to disk, and a server restart
/// simply ends the runs in progress (the bank starts again). Each session belongs to the institution that opened it
/// (tenant isolation: another institution's caller is told it does not exist) and expires after `idleTimeout`
/// without a step, and in any case `maximumAge` after it was opened. Only the finished run is stored (`joint_runs`).
public final class JointSessions: Sendable {
    /// The shortest Paillier key the center accepts from a bank's setup. 2048 in production; 1024 only when the
    /// server was started with `XYD_JOINT_INSECURE_TEST_KEYS=1` (tests and benchmarks: about 80-bit security).
    public let minimumKeyBits: Int
    public let idleTimeout: TimeInterval
    public let maximumAge: TimeInterval
    /// Open sessions one institution may hold at once (each can hold a large PSI set in memory).
    public let perInstitution: Int
    private let sessions = NIOLockedValueBox<[String: JointHostSession]>([:])

    public init(minimumKeyBits: Int = 2048, idleTimeout: TimeInterval = 30 * 60, maximumAge: TimeInterval = 12 * 3600,
                perInstitution: Int = 3) {
        self.minimumKeyBits = minimumKeyBits
        self.idleTimeout = idleTimeout
        self.maximumAge = maximumAge
        self.perInstitution = perInstitution
    }

    /// Whether a session is past its idle or absolute deadline at `now`.
    func isExpired(_ session: JointHostSession, now: Date) -> Bool {
        now.timeIntervalSince(session.lastActivity) > idleTimeout || now.timeIntervalSince(session.createdAt) > maximumAge
    }

    func add(_ session: JointHostSession, now: Date) throws {
        try sessions.withLockedValue { all in
            all = all.filter { !isExpired($0.value, now: now) }
            guard all.values.filter({ $0.institutionID == session.institutionID }).count < perInstitution else {
                throw DomainError.conflict("贵机构已有 \(perInstitution) 个进行中的联合建模会话，请先完成或等待其过期")
            }
            all[session.id] = session
        }
    }

    /// The institution's own live session, or "not found" (also for another institution's or an expired one).
    func session(_ id: String, institutionID: Int64, now: Date) throws -> JointHostSession {
        let found = sessions.withLockedValue { all -> JointHostSession? in
            guard let s = all[id] else { return nil }
            if isExpired(s, now: now) { all[id] = nil; return nil }
            return s
        }
        guard let found, found.institutionID == institutionID else { throw DomainError.notFound("该联合建模会话（可能已过期）") }
        return found
    }

    func remove(_ id: String) { _ = sessions.withLockedValue { $0.removeValue(forKey: id) } }

    /// Open sessions (for tests and operations).
    public var count: Int { sessions.withLockedValue { $0.count } }
}

/// One run in progress on the center's side: the PSI host, then the aligned firms and their features, then the
/// hetero-LR host, then the trained model until the bank has its scores. Steps are strictly one at a time.
final class JointHostSession: @unchecked Sendable {
    enum State: Sendable {
        case offered(PSIHost)
        case replied(PSIHost)
        case aligned(ids: [String], features: FeatureMatrix)
        case training(HeteroLRHost, ids: [String], features: FeatureMatrix)
        case trained(HeteroLRHostModel, keyBits: Int, bankFeatures: Int, ids: [String], features: FeatureMatrix)
        case scored
    }

    let id: String
    let name: String
    let institutionID: Int64
    let features: [CenterFeature]
    let offeredCount: Int
    let createdAt: Date
    private let lock = NIOLock()
    private var state: State
    private var busy = false
    private var touched: Date

    init(id: String, name: String, institutionID: Int64, features: [CenterFeature], host: PSIHost, offeredCount: Int, now: Date) {
        self.id = id; self.name = name; self.institutionID = institutionID; self.features = features
        self.offeredCount = offeredCount
        createdAt = now; touched = now
        state = .offered(host)
    }

    var lastActivity: Date { lock.withLock { touched } }

    /// Runs one step: takes the state (refusing a second step while one runs), computes off the request's thread,
    /// and stores the next state. A step that throws leaves the state as it was.
    func step<T: Sendable>(now: Date, _ body: @escaping @Sendable (State) throws -> (State, T)) async throws -> T {
        let current: State = try lock.withLock {
            guard !busy else { throw DomainError.conflict("上一步仍在处理中，请等待其完成后再发送") }
            busy = true
            touched = now
            return state
        }
        do {
            let (next, result) = try await offload { try body(current) }
            lock.withLock { state = next; busy = false; touched = max(touched, now) }
            return result
        } catch {
            lock.withLock { busy = false }
            throw error
        }
    }
}

/// Runs CPU-heavy protocol work (Paillier, X25519) on a Dispatch thread so that it does not hold one of the few
/// cooperative threads that serve requests.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try body() })
        }
    }
}
