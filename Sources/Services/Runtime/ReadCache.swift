import Domain
import NIOConcurrencyHelpers
import NIOCore
import Persistence

/// Values built from stored data, kept per key and stamped with the generations (`Generations`) of the data
/// they were built from. A value is reused only while its stamp is unchanged; a change to that data — in
/// any process on the database — bumps a generation and so retires every value built from it.
public final class GenerationCache<Value: Sendable>: Sendable {
    private struct Entry { let stamp: [Int64]; let value: Value }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity: Int

    public init(capacity: Int = 2_000) { self.capacity = capacity }

    /// The kept value for `key` if it was built at `stamp`; otherwise builds and keeps it. The stamp must be
    /// read before `build` reads the data, so that a kept value is never older than its stamp.
    public func value(_ key: String, stamp: [Int64], build: () async throws -> Value) async throws -> Value {
        if let kept = entries.withLockedValue({ $0[key] }), kept.stamp == stamp { return kept.value }
        let value = try await build()
        entries.withLockedValue { entries in
            // A full cache starts over rather than tracking recency.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(stamp: stamp, value: value)
        }
        return value
    }
}

/// What requests keep for each other: built profiles as the JSON the API sends (building and encoding a
/// profile costs far more than serving it), the profile-derived facts products' rules check, firms'
/// authorisations and checked commitments, and products. Each request reads the generations once.
public final class ReadCache: Sendable {
    /// Turns a profile into the bytes the API sends (the app chooses the JSON settings).
    public typealias EncodeProfile = @Sendable (ProfileDocument) throws -> ByteBuffer

    let profiles = GenerationCache<ByteBuffer>()
    let facts = GenerationCache<FirmFactsLoader.Kept>()
    let authorisations = GenerationCache<[Authorisation]>()
    public let commitmentChecks = GenerationCache<Bool>()
    let products = GenerationCache<LoanProduct?>()
    let productLists = GenerationCache<[LoanProduct]>()
    let encodeProfile: EncodeProfile

    public init(encodeProfile: @escaping EncodeProfile) { self.encodeProfile = encodeProfile }

    /// The profile JSON (`ProfileDocument`) of the firm as the viewer may see it.
    public func profile(_ context: ServiceContext, uscc: String, viewer: Viewer) async throws -> ByteBuffer {
        try await profiles.value(Self.key(uscc: uscc, viewer: viewer), stamp: context.stamp(.profiles)) {
            let loaded = try await LoadedProfile.load(context, uscc: uscc, viewer: viewer)
            return try encodeProfile(ProfileDocument(uscc: uscc, loaded: loaded))
        }
    }

    /// The firm's authorisations, newest first.
    public func authorisations(_ context: ServiceContext, uscc: String) async throws -> [Authorisation] {
        try await authorisations.value(uscc, stamp: context.stamp(.consents)) {
            try await context.authorisationStore.authorisations(uscc: uscc)
        }
    }

    public func product(_ context: ServiceContext, id: Int64) async throws -> LoanProduct? {
        try await products.value(String(id), stamp: context.stamp(.products)) { try await context.productStore.product(id: id) }
    }

    /// Every product on sale (the public product supermarket, the quota estimate).
    public func onlineProducts(_ context: ServiceContext) async throws -> [LoanProduct] {
        try await productLists.value("online", stamp: context.stamp(.products)) {
            try await context.productStore.products(status: .online)
        }
    }

    static func key(uscc: String, viewer: Viewer) -> String {
        switch viewer {
        case .creditCenter: "\(uscc)|center"
        case .department: "\(uscc)|department"
        case .publicViewer: "\(uscc)|public"
        case .enterprise: "\(uscc)|enterprise"
        case .institution(let categories): "\(uscc)|institution|" + categories.sorted().joined(separator: ",")
        }
    }
}

/// A firm's profile as the API sends it.
public struct ProfileDocument: Encodable, Sendable {
    public let uscc: String
    public let registered: Bool
    public let registration: [ProfileField]
    public let groups: [ProfileGroup]
    public let withheldDatasets: [String]
    public let evaluation: Evaluation?
    public let gradeHistory: [EvaluationStore.Change]

    public init(uscc: String, loaded: LoadedProfile) {
        let profile = loaded.profile
        self.uscc = uscc; registered = profile.registered; registration = profile.registration; groups = profile.groups
        withheldDatasets = profile.withheldDatasets; evaluation = loaded.evaluation; gradeHistory = loaded.history
    }
}
