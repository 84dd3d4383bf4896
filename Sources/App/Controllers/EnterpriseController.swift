import Domain
import Persistence
import Services
import Vapor

/// The registry and credit profiles over the API.
struct EnterpriseController {
    func register(_ api: any RoutesBuilder) {
        api.get("enterprises", use: search)
        api.get("enterprises", ":uscc", use: profile)
        api.get("enterprises", ":uscc", "records", ":dataset", ":record", "history", use: history)
        api.get("evaluations", "distribution", use: distribution)
    }

    func search(_ req: Request) async throws -> PageResponse<EnterpriseSummary> {
        _ = try req.principal(in: [.creditCenter, .department, .institutionAdmin, .institutionStaff])
        let query = EnterpriseQuery(text: req.query[String.self, at: "q"], district: req.query[String.self, at: "district"],
                                    industry: req.query[String.self, at: "industry"],
                                    paging: try req.paging())
        return PageResponse(try await req.registry.search(query))
    }

    /// The profile as the API returns it: the credit profile, the current evaluation and its history.
    struct ProfileResponse: Content {
        let uscc: String
        let registered: Bool
        let registration: [ProfileField]
        let groups: [ProfileGroup]
        let withheldDatasets: [String]
        let evaluation: Evaluation?
        let gradeHistory: [EvaluationStore.Change]

        init(_ document: ProfileDocument) {
            uscc = document.uscc; registered = document.registered; registration = document.registration
            groups = document.groups; withheldDatasets = document.withheldDatasets; evaluation = document.evaluation
            gradeHistory = document.gradeHistory
        }
    }

    /// The profile, with what the caller may see: personal fields masked for everyone but the credit center,
    /// and evaluation reasons drawn from data the caller may not read left out.
    func profile(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let uscc = try Self.uscc(req)
        return .json(try await req.services.readCache.profile(req.services, uscc: uscc, viewer: try Self.viewer(principal, uscc: uscc)))
    }

    struct GradeShare: Content { let grade: String; let count: Int; let share: Double }

    /// How the city's firms are spread over the grades, in the model's grade order.
    func distribution(_ req: Request) async throws -> [GradeShare] {
        _ = try req.principal()
        let grades = try await Evaluations.distribution(req.services)
        let total = max(1, grades.reduce(0) { $0 + $1.count })
        return grades.map { GradeShare(grade: $0.grade, count: $0.count, share: Double($0.count) / Double(total)) }
    }

    /// Every version of one of the firm's records, masked like the profile.
    func history(_ req: Request) async throws -> [RecordStore.Version] {
        let principal = try req.principal()
        let uscc = try Self.uscc(req)
        let viewer = try Self.viewer(principal, uscc: uscc)
        let dataset = try req.catalog.require(req.parameters.get("dataset") ?? "")
        guard viewer.mayRead(dataset) else { throw DomainError.forbidden("无权查看该数据集") }
        let versions = try await req.recordStore.history(dataset: dataset.id, recordID: req.parameters.get("record") ?? "",
                                                         uscc: uscc)
        guard !versions.isEmpty else { throw DomainError.notFound("该企业的这条记录") }
        return versions.map { version in
            var masked = version
            masked.content = dataset.masked(version.content, for: viewer)
            return masked
        }
    }

    /// What the caller sees of this firm without an authorisation: an enterprise user sees only its own firm;
    /// institutions read the authorised report through `/report`, which checks and logs the authorisation.
    static func viewer(_ principal: Principal, uscc: String) throws -> Viewer {
        if principal.role == .enterprise {
            guard principal.uscc == uscc else { throw DomainError.notFound("该企业") }
            return .enterprise
        }
        return principal.role.viewer
    }

    static func uscc(_ req: Request) throws -> String {
        let raw = req.parameters.get("uscc") ?? ""
        return try USCC.validated(raw)
    }
}

extension Evaluation: Content {}
extension EvaluationStore.Change: Content {}
extension EnterpriseSummary: Content {}
extension RecordStore.Version: Content {}
