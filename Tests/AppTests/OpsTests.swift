import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

@Suite struct OpsTests {
    @Test(arguments: Backend.allCases)
    func healthAndMetrics(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let health = try await send(app, .GET, "/healthz").json()
            #expect(health["status"] as? String == "ok")
            #expect(health["database"] as? String == (backend == .postgres ? "postgresql" : "sqlite"))
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            let metrics = try await send(app, .GET, "/metrics").body
            #expect(metrics.contains(#"xyd_ingest_rows_total{dataset="admin.penalty",outcome="rejected"} 3"#))
            #expect(metrics.contains(#"xyd_ingest_rows_total{dataset="admin.penalty",outcome="inserted"} 2"#))
            #expect(metrics.contains("xyd_http_requests_total{method=\"POST\""))
            #expect(metrics.contains(#"xyd_jobs{status="queued"} 1"#))
        }
    }

    @Test func configurationNamesEveryProblem() {
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(["XYD_PORT": "x"]) }
        do {
            _ = try AppConfig.load(["XYD_PORT": "99999", "DATABASE_URL": "mysql://x", "XYD_JOBS": "maybe", "XYD_LOG_LEVEL": "loud"])
            Issue.record("expected problems")
        } catch {
            #expect(error.items.count == 4)
            #expect(error.items.map { String($0.prefix { $0 != "：" }) } == ["DATABASE_URL", "XYD_PORT", "XYD_JOBS", "XYD_LOG_LEVEL"])
        }
        let config = try? AppConfig.load([:])
        #expect(config?.port == 8080)
        #expect(config?.usesPostgres == false)
    }
}
