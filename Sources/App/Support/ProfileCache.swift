import Domain
import NIOConcurrencyHelpers
import Persistence
import Vapor

/// Built profiles, as the JSON the API sends, kept per firm and viewer and stamped with the profile
/// generation they were built at (`ProfileGeneration`). A request asks the database for the current
/// generation (one tiny query) and reuses the kept JSON when it matches; any change to records, flags,
/// objections or evaluations — in any process on the database — bumps the generation and so retires every
/// kept profile. Building and encoding a profile costs far more than serving it.
final class ProfileCache: Sendable {
    private struct Entry { let generation: Int64; let body: ByteBuffer }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 2_000) { self.capacity = capacity }

    /// The profile JSON (`EnterpriseController.ProfileResponse`) of the firm as the viewer may see it.
    func body(_ req: Request, uscc: String, viewer: Viewer) async throws -> ByteBuffer {
        let generation = try await ProfileGeneration.current(on: req.db)
        let key = Self.key(uscc: uscc, viewer: viewer)
        if let kept = entries.withLockedValue({ $0[key] }), kept.generation == generation { return kept.body }
        let loaded = try await LoadedProfile.load(req, uscc: uscc, viewer: viewer)
        let profile = loaded.profile
        let response = EnterpriseController.ProfileResponse(
            uscc: uscc, registered: profile.registered, registration: profile.registration, groups: profile.groups,
            withheldDatasets: profile.withheldDatasets, evaluation: loaded.evaluation, gradeHistory: loaded.history)
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(response, to: &body, headers: &headers)
        entries.withLockedValue { entries in
            // Newer generations replace older ones; a full cache starts over rather than tracking recency.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            if (entries[key]?.generation ?? .min) <= generation { entries[key] = Entry(generation: generation, body: body) }
        }
        return body
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

extension Application {
    struct ProfileCacheKey: StorageKey { typealias Value = ProfileCache }

    var profileCache: ProfileCache {
        guard let cache = storage[ProfileCacheKey.self] else {
            preconditionFailure("configure(_:config:) must run before the profile cache is used")
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
