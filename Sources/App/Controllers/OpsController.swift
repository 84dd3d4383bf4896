import Fluent
import Domain
import Persistence
import Services
import Vapor

/// Health, metrics, the API description, the catalog and the USCC checker.
struct OpsController {
    func register(_ app: Application, api: any RoutesBuilder) {
        app.get("healthz", use: health)
        app.get("metrics", use: metrics)
        app.get("openapi.json", use: openAPI)
        api.get("catalog", use: catalog)
        api.get("uscc", ":code", use: checkUSCC)
    }

    struct Health: Content { let status: String; let database: String; let catalogVersion: Int }

    func health(_ req: Request) async throws -> Response {
        do {
            try await DatabaseHealth.ping(req.db)
            let body = Health(status: "ok", database: req.application.config.usesPostgres ? "postgresql" : "sqlite",
                              catalogVersion: req.catalog.version)
            return try await body.encodeResponse(for: req)
        } catch {
            let response = try await Health(status: "database_unavailable", database: "error",
                                             catalogVersion: req.catalog.version).encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }

    func metrics(_ req: Request) async throws -> Response {
        let jobs = try await JobQueue(database: req.db, worker: "metrics").counts()
        let enterprises = try await req.registry.count()
        var gauges: [(String, String, [(String, String)], Double)] = [
            ("xyd_enterprises", "Enterprises in the registry.", [], Double(enterprises)),
        ]
        for (status, n) in jobs.sorted(by: { $0.key < $1.key }) {
            gauges.append(("xyd_jobs", "Jobs in the job table by status.", [("status", status)], Double(n)))
        }
        let response = Response(status: .ok, body: .init(string: req.platform.metrics.render(gauges: gauges)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return response
    }

    func openAPI(_ req: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { throw DomainError.notFound("接口描述文件") }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    func catalog(_ req: Request) async throws -> Response {
        let data = try JSONEncoder().encode(req.catalog)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    struct USCCCheck: Content {
        let code: String
        let valid: Bool
        let reason: String?
        let checkCharacter: String?
        let district: String?
    }

    func checkUSCC(_ req: Request) async throws -> USCCCheck {
        USCCTool.check(req.parameters.get("code") ?? "")
    }
}

/// `xyd uscc` and the API share this.
enum USCCTool {
    static func check(_ raw: String) -> OpsController.USCCCheck {
        let code = raw.trimmingSpaces().uppercased()
        if code.count == 17 {
            do {
                let check = try USCC.checkCharacter(forBody: code)
                return .init(code: code + String(check), valid: true, reason: "17位主体代码，校验位为“\(check)”",
                             checkCharacter: String(check), district: String(code.dropFirst(2).prefix(6)))
            } catch {
                return .init(code: code, valid: false, reason: error.message, checkCharacter: nil, district: nil)
            }
        }
        do {
            let uscc = try USCC(code)
            return .init(code: uscc.value, valid: true, reason: nil, checkCharacter: String(uscc.value.suffix(1)),
                         district: String(uscc.district))
        } catch {
            return .init(code: code, valid: false, reason: error.message, checkCharacter: nil, district: nil)
        }
    }
}
