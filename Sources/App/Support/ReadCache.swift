import Domain
import NIOConcurrencyHelpers
import Persistence
import Vapor

/// Values built from stored data, kept per key and stamped with the generations (`Generations`) of the data
/// they were built from. A value is reused only while its stamp is unchanged; a change to that data — in
/// any process on the database — bumps a generation and so retires every value built from it.
final class GenerationCache<Value: Sendable>: Sendable {
    private struct Entry { let stamp: [Int64]; let value: Value }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 2_000) { self.capacity = capacity }

    /// The kept value for `key` if it was built at `stamp`; otherwise builds and keeps it. The stamp must be
    /// read before `build` reads the data, so that a kept value is never older than its stamp.
    func value(_ key: String, stamp: [Int64], build: () async throws -> Value) async throws -> Value {
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
final class ReadCache: Sendable {
    let profiles = GenerationCache<ByteBuffer>()
    let facts = GenerationCache<FirmFactsLoader.Kept>()
    let authorisations = GenerationCache<[Authorisation]>()
    let commitmentChecks = GenerationCache<Bool>()
    let products = GenerationCache<LoanProduct?>()

    /// The profile JSON (`EnterpriseController.ProfileResponse`) of the firm as the viewer may see it.
    func profile(_ req: Request, uscc: String, viewer: Viewer) async throws -> ByteBuffer {
        try await profiles.value(Self.key(uscc: uscc, viewer: viewer), stamp: req.stamp(.profiles)) {
            let loaded = try await LoadedProfile.load(req, uscc: uscc, viewer: viewer)
            let profile = loaded.profile
            let response = EnterpriseController.ProfileResponse(
                uscc: uscc, registered: profile.registered, registration: profile.registration, groups: profile.groups,
                withheldDatasets: profile.withheldDatasets, evaluation: loaded.evaluation, gradeHistory: loaded.history)
            var body = ByteBuffer()
            var headers = HTTPHeaders()
            try ContentConfiguration.global.requireEncoder(for: .json).encode(response, to: &body, headers: &headers)
            return body
        }
    }

    /// The firm's authorisations, newest first.
    func authorisations(_ req: Request, uscc: String) async throws -> [Authorisation] {
        try await authorisations.value(uscc, stamp: req.stamp(.consents)) {
            try await req.authorisationStore.authorisations(uscc: uscc)
        }
    }

    func product(_ req: Request, id: Int64) async throws -> LoanProduct? {
        try await products.value(String(id), stamp: req.stamp(.products)) { try await req.productStore.product(id: id) }
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

extension Request {
    private struct GenerationsKey: StorageKey { typealias Value = [Generation: Int64] }

    /// The generations as this request first saw them (read once per request).
    func generations() async throws -> [Generation: Int64] {
        if let read = storage[GenerationsKey.self] { return read }
        let read = try await Generations.current(on: db)
        storage[GenerationsKey.self] = read
        return read
    }

    /// A stamp for values built from data of these generations.
    func stamp(_ kinds: Generation...) async throws -> [Int64] {
        let generations = try await generations()
        return kinds.map { generations[$0] ?? -1 }
    }

    var readCache: ReadCache { application.readCache }
}

extension Application {
    struct ReadCacheKey: StorageKey { typealias Value = ReadCache }

    var readCache: ReadCache {
        guard let cache = storage[ReadCacheKey.self] else {
            preconditionFailure("configure(_:config:) must run before the read cache is used")
        }
        return cache
    }
}

extension Response {
    /// A JSON answer from already encoded bytes.
    static func json(_ body: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: body))
    }
}
