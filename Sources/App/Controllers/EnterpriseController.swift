import Domain
import Persistence
import Vapor

/// The registry and credit profiles over the API.
struct EnterpriseController {
    func register(_ api: any RoutesBuilder) {
        api.get("enterprises", use: search)
        api.get("enterprises", ":uscc", use: profile)
        api.get("enterprises", ":uscc", "records", ":dataset", ":record", "history", use: history)
    }

    func search(_ req: Request) async throws -> PageResponse<EnterpriseSummary> {
        _ = try req.principal()
        let query = EnterpriseQuery(text: req.query[String.self, at: "q"], district: req.query[String.self, at: "district"],
                                    industry: req.query[String.self, at: "industry"],
                                    page: req.query[Int.self, at: "page"] ?? 1, perPage: req.query[Int.self, at: "per_page"] ?? 20)
        return PageResponse(try await req.registry.search(query))
    }

    /// The profile, with what the caller may see: personal fields masked for everyone but the credit center.
    func profile(_ req: Request) async throws -> CreditProfile {
        let principal = try req.principal()
        let uscc = try Self.uscc(req)
        let records = try await req.recordStore.records(uscc: uscc)
        guard !records.isEmpty else { throw DomainError.notFound("统一社会信用代码为 \(uscc) 的企业或其记录") }
        return CreditProfile.build(uscc: uscc, records: records, catalog: req.catalog, viewer: principal.role.viewer)
    }

    /// Every version of one of the firm's records, masked like the profile.
    func history(_ req: Request) async throws -> [RecordStore.Version] {
        let principal = try req.principal()
        let uscc = try Self.uscc(req)
        let dataset = try req.catalog.require(req.parameters.get("dataset") ?? "")
        guard principal.role.viewer.mayRead(dataset.level) else { throw DomainError.forbidden("无权查看该数据集") }
        let versions = try await req.recordStore.history(dataset: dataset.id, recordID: req.parameters.get("record") ?? "",
                                                         uscc: uscc)
        guard !versions.isEmpty else { throw DomainError.notFound("该企业的这条记录") }
        return versions.map { version in
            var masked = version
            masked.content = dataset.masked(version.content, for: principal.role.viewer)
            return masked
        }
    }

    static func uscc(_ req: Request) throws -> String {
        let raw = req.parameters.get("uscc") ?? ""
        do { return try USCC(raw).value } catch { throw DomainError.invalidUSCC(raw, reason: error.message) }
    }
}

extension CreditProfile: Content {}
extension EnterpriseSummary: Content {}
extension RecordStore.Version: Content {}
