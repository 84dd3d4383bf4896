import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// A web upload reports its progress under the key the page sent (issue 16, "Long work"): rows checked and bytes read
/// while it runs, the batch when done; only to the user who uploads.
@Suite struct UploadProgressTests {
    @Test(arguments: Backend.allCases)
    func theUploaderReadsRowsAndPhaseUnderItsKeyAndNobodyElseDoes(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            var clerk = ConsoleTests.Browser(app: app)
            _ = try await clerk.signIn("scjgj")
            let form = try await clerk.get("/console/upload")
            #expect(form.body.contains(#"name="progress""#), "the form carries the key field before the file")
            let key = "k" + String(repeating: "0123456789abcdef", count: 2)
            let sent = try await clerk.upload("/console/upload", fields: ["dataset": "admin.penalty", "csrf": ConsoleTests.Browser.csrf(in: form.body),
                                                                          "progress": key],
                                              fileName: "处罚.csv", file: SampleFiles.penaltiesWithErrors)
            #expect(sent.status == .seeOther)
            let batch = try #require(sent.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            let progress = try await clerk.get("/console/upload/progress?key=\(key)")
            #expect(progress.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(progress.body.utf8)) as? [String: String])
            #expect(json["done"] == "true" && json["phase"] == "已完成：批次 #\(batch)", "\(json)")
            #expect(json["rows"] == "5" && json["written"] == "5", "all five rows read, checked and stored (the rejected ones in the quarantine)")
            #expect(Int(json["bytes"] ?? "") ?? 0 >= SampleFiles.penaltiesWithErrors.utf8.count - 2)
            #expect(progress.headers.first(name: .cacheControl) == "no-store")

            // Another clerk, or a made-up key, learns nothing.
            var other = ConsoleTests.Browser(app: app)
            _ = try await other.signIn("admin")
            #expect(try await other.get("/console/upload/progress?key=\(key)").status == .notFound)
            #expect(try await clerk.get("/console/upload/progress?key=short").status == .notFound)
            let stranger = try await send(app, .GET, "/console/upload/progress?key=\(key)").status
            #expect(stranger == .unauthorized || stranger == .seeOther, "\(stranger)")
        }
    }

    /// Several `xyd serve` processes on one PostgreSQL: the page's poll may reach a process that did not receive the
    /// upload, and it reads the same figures (they are kept in the database).
    @Test func anotherProcessOnTheSameDatabaseReadsTheProgress() async throws {
        try await withTestApp(.postgres) { app in
            _ = try await Fixtures.seed(app)
            let second = try await Application.make(.testing)
            do {
                try await configure(second, config: app.config, runJobs: false)
                var clerk = ConsoleTests.Browser(app: app)
                _ = try await clerk.signIn("scjgj")
                let form = try await clerk.get("/console/upload")
                let key = "p" + String(repeating: "fedcba9876543210", count: 2)
                let sent = try await clerk.upload("/console/upload", fields: ["dataset": "admin.penalty", "csrf": ConsoleTests.Browser.csrf(in: form.body),
                                                                              "progress": key],
                                                  fileName: "处罚.csv", file: SampleFiles.penaltiesWithErrors)
                let batch = try #require(sent.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
                // The same session cookie, answered by the other process.
                var elsewhere = ConsoleTests.Browser(app: second, cookie: clerk.cookie)
                let progress = try await elsewhere.get("/console/upload/progress?key=\(key)")
                #expect(progress.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(progress.body.utf8)) as? [String: String])
                #expect(json["done"] == "true" && json["phase"] == "已完成：批次 #\(batch)" && json["rows"] == "5" && json["written"] == "5", "\(json)")
                var other = ConsoleTests.Browser(app: second)
                _ = try await other.signIn("admin")
                #expect(try await other.get("/console/upload/progress?key=\(key)").status == .notFound, "still only for the uploader")
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }
    }
}
