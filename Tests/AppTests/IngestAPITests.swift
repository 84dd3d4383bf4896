import Fluent
import App
import DemoCity
import Domain
import Foundation
import Synchronization
import Persistence
import Testing
import TestSupport
import VaporTesting

@Suite struct IngestAPITests {
    @Test(arguments: Backend.allCases)
    func batchCountsQuarantineAndIdempotentResend(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let first = try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            #expect(first.status == .created)
            let b = try batch(first)
            #expect(b["submitted"] as? Int == 5)
            #expect(b["inserted"] as? Int == 2)
            #expect(b["rejected"] as? Int == 3)
            #expect(b["duplicates"] as? Int == 0)
            #expect(try first.json()["accepted"] as? Int == 2)
            let id = try #require(b["id"] as? Int)

            let detail = try await send(app, .GET, "/api/v1/batches/\(id)", token: f.marketToken)
            let quarantine = try #require(try detail.json()["quarantine"] as? [String: Any])
            let rows = try #require(quarantine["rows"] as? [[String: Any]])
            #expect(rows.compactMap { $0["rowNumber"] as? Int } == [4, 5, 6])
            let problems = rows.compactMap { ($0["problems"] as? [[String: Any]])?.first }
            #expect(problems.compactMap { $0["field"] as? String } == ["uscc", "decided_on", "decision_no"])
            #expect((problems[1]["reason"] as? String)?.contains("晚于今天") == true)

            // The same file again changes nothing: the valid rows are duplicates now.
            let again = try batch(try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken))
            #expect(again["inserted"] as? Int == 0)
            #expect(again["updated"] as? Int == 0)
            #expect(again["duplicates"] as? Int == 2)
            #expect(again["rejected"] as? Int == 3)
            #expect(try await count(app, "records") == 2)
            #expect(try await count(app, "record_history") == 0)
        }
    }

    /// A file that corrects a record inside itself (P1 twice) flipped that record twice on every resend; a
    /// file whose bytes were loaded before now changes nothing and says which batch it repeats.
    @Test(arguments: Backend.allCases)
    func aResentFileThatCorrectsItselfChangesNothing(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let a = SampleFiles.firmA
            let file = """
            record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
            P1,\(a),大市监罚〔2025〕11号,2025-03-01,大连市市场监督管理局,一般,虚假宣传,5000
            P1,\(a),大市监罚〔2025〕11号,2025-03-01,大连市市场监督管理局,一般,虚假宣传,6000
            P9,,大市监罚〔2025〕19号,2025-03-01,大连市市场监督管理局,一般,虚假宣传,100

            """
            let first = try batch(try await upload(app, "admin.penalty", file, token: f.marketToken))
            #expect(first["inserted"] as? Int == 1 && first["updated"] as? Int == 1 && first["rejected"] as? Int == 1)
            let firstID = try #require(first["id"] as? Int)
            let history = try await count(app, "record_history")
            var resentID = 0
            for _ in 0..<2 {
                let again = try batch(try await upload(app, "admin.penalty", file, token: f.marketToken))
                #expect(again["inserted"] as? Int == 0 && again["updated"] as? Int == 0)
                #expect(again["duplicates"] as? Int == 2 && again["rejected"] as? Int == 1 && again["submitted"] as? Int == 3)
                #expect(again["resendOf"] as? Int == firstID)
                #expect(again["contentDigest"] as? String == first["contentDigest"] as? String)
                resentID = try #require(again["id"] as? Int)
            }
            #expect(try await count(app, "record_history") == history)
            #expect(try await count(app, "records") == 1)
            // The page says so, and the batch list marks it.
            var browser = ConsoleTests.Browser(app: app)
            let login = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "admin", "password": Fixtures.password,
                                                         "csrf": ConsoleTests.Browser.csrf(in: login.body)])
            let page = try await browser.get("/console/batches/\(resentID)")
            #expect(page.body.contains("内容完全相同，本次未作任何更改"))
            #expect(try await browser.get("/console/batches").body.contains("重复提交，未作更改"))
            // A file that differs by one byte is loaded as usual.
            let changed = try batch(try await upload(app, "admin.penalty", file + "\n", token: f.marketToken))
            #expect(changed["resendOf"] == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func changedRecordIsAnUpdateWithHistory(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            let corrected = SampleFiles.penaltiesWithErrors.replacingOccurrences(of: "虚假宣传,5000", with: "虚假宣传,6000")
            let b = try batch(try await upload(app, "admin.penalty", corrected, token: f.marketToken))
            #expect(b["updated"] as? Int == 1)
            #expect(b["duplicates"] as? Int == 1)
            #expect(try await count(app, "records") == 2)
            let history = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)/records/admin.penalty/P1/history", token: f.centerToken)
            let versions = try #require(try JSONSerialization.jsonObject(with: Data(history.body.utf8)) as? [[String: Any]])
            #expect(versions.compactMap { $0["version"] as? Int } == [1, 2])
            #expect(versions.compactMap { ($0["content"] as? [String: String])?["amount"] } == ["5000", "6000"])
        }
    }

    /// Within one file, a repeated record_id with the same content is a duplicate, with new content an update.
    @Test(arguments: Backend.allCases)
    func repeatsWithinOneFile(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let lines = SampleFiles.penaltiesWithErrors.split(separator: "\n").map(String.init)
            let text = ([lines[0], lines[1], lines[1], lines[1].replacingOccurrences(of: ",5000", with: ",7000")]).joined(separator: "\n") + "\n"
            let b = try batch(try await upload(app, "admin.penalty", text, token: f.marketToken))
            #expect(b["submitted"] as? Int == 3)
            #expect(b["inserted"] as? Int == 1)
            #expect(b["duplicates"] as? Int == 1)
            #expect(b["updated"] as? Int == 1)
            #expect(try await count(app, "record_history") == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func unknownColumnRejectsTheFileAndStoresNothing(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let text = SampleFiles.penaltiesWithErrors.replacingOccurrences(of: "violation,amount", with: "violation,fine")
            let reply = try await upload(app, "admin.penalty", text, token: f.marketToken)
            #expect(reply.status == .unprocessableEntity)
            #expect(try reply.json()["error"] as? String == "invalid_file")
            #expect((try reply.json()["message"] as? String)?.contains("“fine”") == true)
            #expect(try await count(app, "batches") == 0)
            #expect(try await count(app, "records") == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func gb18030AndJSONLines(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let crlf = SampleFiles.registrations.replacingOccurrences(of: "\n", with: "\r\n")
            let gb = try Transcoder.convert(Array(crlf.utf8), from: .utf8, to: .gb18030)
            let reply = try await send(app, .POST, "/api/v1/datasets/market.registration/batches?file_name=reg.csv",
                                       token: f.marketToken, bytes: gb, contentType: "text/csv")
            let b = try batch(reply)
            #expect(b["encoding"] as? String == "GB18030")
            #expect(b["inserted"] as? Int == 2)
            let search = try await send(app, .GET, "/api/v1/enterprises?q=海韵", token: f.centerToken)
            #expect(search.body.contains("大连海韵科技有限公司"))

            let jsonl = #"{"record_id":"D1","uscc":"\#(SampleFiles.firmB)","case_no":"(2025)辽02执123号","listed_on":"2025-06-01","obligation":"支付货款"}"# + "\n"
            let court = try batch(try await send(app, .POST, "/api/v1/datasets/judicial.dishonest/batches", token: f.courtToken,
                                                 body: jsonl, contentType: "application/x-ndjson"))
            #expect(court["format"] as? String == "jsonl")
            #expect(court["inserted"] as? Int == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func exportedQuarantineCanBeFixedAndResent(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let id = try #require(try batch(try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken))["id"] as? Int)
            let export = try await send(app, .GET, "/api/v1/batches/\(id)/quarantine.csv", token: f.marketToken)
            #expect(export.headers.contentType?.subType == "csv")
            let lines = export.body.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\n").map(String.init)
            #expect(lines[0] == "_row,_errors,record_id,uscc,decision_no,decided_on,authority,severity,violation,amount")
            #expect(lines.count == 4)
            #expect(lines[1].hasPrefix("4,统一社会信用代码："))
            // The department fixes the three rows and sends the file back as it is.
            let fixed = export.body
                .replacingOccurrences(of: "91210202MA0000001Z", with: SampleFiles.firmA)
                .replacingOccurrences(of: "2099-01-01", with: "2025-01-01")
                .replacingOccurrences(of: "P5,\(SampleFiles.firmB),,", with: "P5,\(SampleFiles.firmB),大市监罚〔2025〕15号,")
            let resent = try batch(try await upload(app, "admin.penalty", fixed, token: f.marketToken, name: "fixed.csv"))
            #expect(resent["inserted"] as? Int == 3)
            #expect(resent["rejected"] as? Int == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func tokensAndDepartmentsAreChecked(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let anonymous = try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: "xyd_wrong")
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json()["error"] as? String == "unauthenticated")
            let none = try await send(app, .POST, "/api/v1/datasets/admin.penalty/batches", body: "x")
            #expect(none.status == .unauthorized)
            let court = try await upload(app, "market.registration", SampleFiles.registrations, token: f.courtToken)
            #expect(court.status == .forbidden)
            #expect((try court.json()["message"] as? String)?.contains("无权报送") == true)
            let unknown = try await upload(app, "nope.data", "a", token: f.centerToken)
            #expect(unknown.status == .notFound)
            #expect(try unknown.json()["error"] as? String == "unknown_dataset")
            // A department sees only its own batches.
            let id = try #require(try batch(try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken))["id"] as? Int)
            #expect(try await send(app, .GET, "/api/v1/batches/\(id)", token: f.courtToken).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/batches/\(id)", token: f.centerToken).status == .ok)
        }
    }

    /// A failure in the middle of a batch leaves nothing: no batch, no records, no quarantine rows.
    @Test(arguments: Backend.allCases)
    func batchIsAtomic(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            struct Injected: Error {}
            var ingestor = BatchIngestor(database: app.db)
            ingestor.chunkSize = 2
            ingestor.afterChunk = { n in if n == 2 { throw Injected() } }
            let catalog = try CatalogLoader.bundled()
            let request = BatchRequest(dataset: try catalog.require("admin.penalty"), departmentID: nil, source: .cli,
                                       fileName: "p.csv", submittedBy: "test")
            await #expect(throws: Injected.self) {
                try await ingestor.ingest(request, chunks: MemoryChunks(chunks: [Array(SampleFiles.penaltiesWithErrors.utf8)]))
            }
            for table in ["batches", "records", "quarantine", "record_history", "jobs"] {
                #expect(try await count(app, table) == 0, "\(table) should be empty")
            }
            ingestor.afterChunk = nil
            let summary = try await ingestor.ingest(request, chunks: MemoryChunks(chunks: [Array(SampleFiles.penaltiesWithErrors.utf8)]))
            #expect(summary.isBalanced)
            #expect(try await count(app, "records") == 2)
        }
    }

    /// Chunks mixing new and known ids: SQLite leaves the known ids out of the insert and looks only those up;
    /// on PostgreSQL one known id undoes the chunk's COPY and the chunk is redone after a lookup, and chunks
    /// after one with known ids are looked up first until none turn up.
    @Test(arguments: Backend.allCases)
    func chunksMixingNewAndKnownIDs(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let catalog = try CatalogLoader.bundled()
            let dataset = try catalog.require("admin.penalty")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("mixed-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try CityGenerator.writeBulk(dataset: dataset.id, rows: 12, seed: 3, asOf: Date(), to: file)
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.count == 13)
            func csv(_ rows: [String]) -> [UInt8] { Array(([lines[0]] + rows).joined(separator: "\n").utf8) + [0x0A] }
            var ingestor = BatchIngestor(database: app.db)
            ingestor.chunkSize = 3
            let request = BatchRequest(dataset: dataset, departmentID: nil, source: .cli, fileName: "p.csv", submittedBy: "test")
            let first = try await ingestor.ingest(request, chunks: MemoryChunks(chunks: [csv([lines[2], lines[4]])]))
            #expect(first.inserted == 2)
            var all = Array(lines[1...])
            all[1] = all[1].replacingOccurrences(of: "号,", with: "补号,")
            #expect(all[1] != lines[2])
            let second = try await ingestor.ingest(request, chunks: MemoryChunks(chunks: [csv(all)]))
            #expect(second.inserted == 10)
            #expect(second.updated == 1)
            #expect(second.duplicates == 1)
            #expect(second.isBalanced)
            #expect(try await count(app, "records") == 12)
            #expect(try await count(app, "record_history") == 1)
            let phases = Mutex<IngestPhases?>(nil)
            ingestor.onPhases = { p in phases.withLock { $0 = p } }
            let again = try await ingestor.ingest(request, chunks: MemoryChunks(chunks: [csv(all)]))
            #expect(again.duplicates == 12)
            // SQLite writes through its C interface (found by reflection in SQLiteNIO: a new SQLiteNIO that
            // hides the handle elsewhere would silently fall back to the slower SQL path).
            #expect(phases.withLock { $0?.path } == (backend == .sqlite ? .sqliteNative : .postgresCopy))
            #expect(try await count(app, "records") == 12)
        }
    }
}
