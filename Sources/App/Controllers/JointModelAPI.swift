import Domain
import Foundation
import JointModel
import Persistence
import Services
import Vapor

/// The credit center's side of joint modelling (联合建模) over HTTP: a bank's `xyd party` (the guest, holding labels)
/// drives the protocol, one route per message; the center (the host, holding the data hub's features) answers. Every
/// session route needs the bank's institution token, and a session is visible only to the institution that opened it
/// (another institution's caller gets 404). Sessions live in memory (`JointSessions`); finished runs in `joint_runs`.
struct JointModelAPI {
    func register(_ api: any RoutesBuilder, app: Application) {
        if app.storage[JointSessionsKey.self] == nil {
            let insecure = Environment.get("XYD_JOINT_INSECURE_TEST_KEYS") == "1"
            app.jointSessions = JointSessions(minimumKeyBits: insecure ? 1024 : 2048)
        }
        let joint = api.grouped("joint")
        joint.get("features", use: features)
        joint.get("runs", use: runs)
        joint.post("sessions", use: open)
        joint.on(.POST, "sessions", ":session", "psi", "query", body: .collect(maxSize: "256mb"), use: psiQuery)
        joint.on(.POST, "sessions", ":session", "psi", "result", body: .collect(maxSize: "64mb"), use: psiResult)
        joint.post("sessions", ":session", "setup", use: setup)
        joint.post("sessions", ":session", "forward", use: forward)
        joint.on(.POST, "sessions", ":session", "gradient", body: .collect(maxSize: "128mb"), use: gradient)
        joint.post("sessions", ":session", "backward", use: backward)
        joint.post("sessions", ":session", "scores", use: scores)
        joint.post("sessions", ":session", "report", use: report)
    }

    static let bankRoles: Set<Role> = [.institutionAdmin, .institutionStaff]

    /// The session id from the path: `jm-` and 32 hex digits, anything else is not found.
    /// The caller's own live session (checked before the message is read), else 404.
    static func sessionID(_ req: Request) throws -> String {
        let id = req.parameters.get("session") ?? ""
        guard id.utf8.count == 35, id.hasPrefix("jm-"), id.dropFirst(3).allSatisfy(\.isHexDigit) else {
            throw DomainError.notFound("该联合建模会话（可能已过期）")
        }
        try JointModelling.requireSession(req.services, try req.principal(), sessions: req.application.jointSessions, id: id)
        return id
    }

    /// A protocol message (Codable from the JointModel core) as JSON.
    static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try JSONEncoder().encode(value)))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        guard let body = req.body.data else { throw DomainError.invalidInput(field: "body", reason: "请求体为空") }
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw DomainError.invalidInput(field: "body", reason: "协议消息无法解析：\(ErrorMiddleware.describe(decoding: error))")
        }
    }

    struct FeatureDTO: Content { var name: String; var label: String; var dataset: String; var category: String; var needsConsent: Bool }

    func features(_ req: Request) async throws -> [FeatureDTO] {
        _ = try req.principal()
        let catalog = req.catalog
        return CenterFeatures.all.compactMap { f in
            guard let spec = catalog.dataset(f.dataset), spec.level != .government else { return nil }
            return FeatureDTO(name: f.name, label: f.label, dataset: f.dataset, category: spec.category, needsConsent: spec.level == .authorised)
        }
    }

    struct OpenBody: Content { var name: String; var features: [String]? }

    struct Opened: Encodable {
        var sessionId: String
        var offer: PSIHostOffer
        var offeredCount: Int
        var centerFeatures: [String]
        var featureDigest: String
        var consentCategories: [String]
        var minimumKeyBits: Int
        var maxQuerySize: Int
        var expiresAt: String
        var disclosure: String
    }

    static let disclosure = "私有集合求交：银行先得知交集（即自身客户中哪些在信用中心的可用范围内），并将匹配位置告知信用中心，信用中心随即也得知交集；双方均不得知对方交集以外的企业，只得知对方集合的大小。信用中心只放入已授权贵机构使用所需数据类别、且在数据目录允许范围内的企业。"

    func open(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let body = try req.content.decode(OpenBody.self)
        let opened = try await JointModelling.open(req.services, principal, sessions: req.application.jointSessions,
                                                   name: body.name, features: body.features ?? [])
        return try Self.json(Opened(
            sessionId: opened.sessionID, offer: opened.offer, offeredCount: opened.offeredCount,
            centerFeatures: opened.features.map(\.name), featureDigest: CenterFeatures.digest(opened.features),
            consentCategories: opened.consentCategories, minimumKeyBits: opened.minimumKeyBits,
            maxQuerySize: JointModelling.maxQuerySize, expiresAt: ISO8601DateFormatter().string(from: opened.expiresAt),
            disclosure: Self.disclosure), status: .created)
    }

    func psiQuery(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let query = try Self.decode(PSIGuestQuery.self, req)
        return try Self.json(try await JointModelling.psiReply(req.services, principal, sessions: req.application.jointSessions,
                                                               id: id, query: query))
    }

    struct Aligned: Content { var aligned: Int }

    func psiResult(_ req: Request) async throws -> Aligned {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let result = try Self.decode(PSIGuestResult.self, req)
        return Aligned(aligned: try await JointModelling.psiResult(req.services, principal, sessions: req.application.jointSessions,
                                                                   id: id, result: result))
    }

    func setup(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let setup = try Self.decode(HeteroLRSetup.self, req)
        return try Self.json(try await JointModelling.setup(req.services, principal, sessions: req.application.jointSessions,
                                                            id: id, setup: setup))
    }

    struct Forward: Encodable { var finished: Bool; var forward: HostForward? }

    func forward(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let forward = try await JointModelling.forward(req.services, principal, sessions: req.application.jointSessions, id: id)
        return try Self.json(Forward(finished: forward == nil, forward: forward))
    }

    func gradient(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let forward = try Self.decode(GuestForward.self, req)
        return try Self.json(try await JointModelling.gradient(req.services, principal, sessions: req.application.jointSessions,
                                                               id: id, forward: forward))
    }

    struct Done: Content { var ok: Bool }

    func backward(_ req: Request) async throws -> Done {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let backward = try Self.decode(GuestBackward.self, req)
        try await JointModelling.backward(req.services, principal, sessions: req.application.jointSessions, id: id, backward: backward)
        return Done(ok: true)
    }

    struct ScoresBody: Content { var guestPartDigest: String; var bankFeatureCount: Int }
    struct Scores: Encodable { var share: HostScoreShare; var run: RunDTO; var hostPartDigest: String }

    func scores(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let body = try req.content.decode(ScoresBody.self)
        let scored = try await JointModelling.scores(req.services, principal, sessions: req.application.jointSessions, id: id,
                                                     guestPartDigest: body.guestPartDigest, bankFeatureCount: body.bankFeatureCount)
        return try Self.json(Scores(share: scored.share, run: RunDTO(scored.run), hostPartDigest: scored.hostPartDigest))
    }

    struct ReportBody: Content { var auc: Double }

    func report(_ req: Request) async throws -> RunDTO {
        let principal = try req.principal(in: Self.bankRoles)
        let id = try Self.sessionID(req)
        let body = try req.content.decode(ReportBody.self)
        return RunDTO(try await JointModelling.report(req.services, principal, sessions: req.application.jointSessions, id: id, auc: body.auc))
    }

    struct RunDTO: Content {
        var runId: String; var name: String; var institutionId: Int64; var status: String; var centerFeatures: [String]
        var featureDigest: String; var bankFeatureCount: Int; var alignedCount: Int; var offeredCount: Int; var modelDigest: String
        var keyBits: Int; var auc: Double?; var createdAt: String
        init(_ r: JointRun) {
            runId = r.runId; name = r.name; institutionId = r.institutionID; status = r.status.rawValue; centerFeatures = r.centerFeatures
            featureDigest = r.featureDigest; bankFeatureCount = r.bankFeatureCount; alignedCount = r.alignedCount
            offeredCount = r.offeredCount; modelDigest = r.modelDigest; keyBits = r.keyBits; auc = r.auc
            createdAt = ISO8601DateFormatter().string(from: r.createdAt)
        }
    }

    func runs(_ req: Request) async throws -> [RunDTO] {
        let principal = try req.principal()
        return try await JointModelling.runs(req.services, principal).map(RunDTO.init)
    }
}

struct JointSessionsKey: StorageKey { typealias Value = JointSessions }

extension Application {
    /// The credit center's joint-modelling sessions (in memory). Tests may replace it, e.g. to accept 1024-bit test keys.
    public var jointSessions: JointSessions {
        get { storage[JointSessionsKey.self] ?? JointSessions() }
        set { storage[JointSessionsKey.self] = newValue }
    }
}
