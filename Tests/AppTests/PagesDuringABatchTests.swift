import App
import DevTools
import Domain
import Foundation
import Synchronization
import Testing
import TestSupport
import Vapor

/// While a department's large file is written, the rest of the platform keeps answering. On SQLite the driver keeps one
/// connection per event loop, and a batch's transaction holds its connection for the whole file: when that was the
/// requests' connection, every request on that event loop waited for the batch (and failed after 10 s). Batches now
/// have connections of their own. Requests are sent over new connections, so that they land on every event loop.
/// SQLite only: PostgreSQL's pools hold several connections per event loop, and its COPY writes this file in well
/// under the half second the test waits, so there the reads could not meet the batch.
@Suite struct PagesDuringABatchTests {
    @Test func readsOnEveryEventLoopAnswerBeforeTheBatchEnds() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let firm = SampleFiles.code("91210202MA0000001")
            var csv = "record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n"
            for n in 0..<200_000 {
                if n % 20_000 == 0 { await Task.yield() }   // other tests share the two cooperative threads
                csv += "B\(n),\(firm),大市监罚〔2025〕\(n)号,2025-03-01,大连市市场监督管理局,一般,未按规定公示年度报告,\(100 + n % 900)\n"
            }
            let port = try ThrowawayPostgres.freePort()
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            let base = "http://127.0.0.1:\(port)"
            let finished = Mutex(false)
            let body = csv
            let upload = Task {
                defer { finished.withLock { $0 = true } }
                return try await app.client.post(URI(string: "\(base)/api/v1/datasets/admin.penalty/batches?file_name=big.csv")) { request in
                    request.headers.bearerAuthorization = BearerAuthorization(token: f.marketToken)
                    request.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                    request.body = ByteBuffer(string: body)
                }.status
            }
            do {
                // Wait until the batch is being written (its row appears once it is opened, inside its transaction on
                // PostgreSQL too: then the reads below are what other users do meanwhile).
                try await Task.sleep(for: .milliseconds(500))
                // Each read sent while the batch runs must come back while it still runs.
                var sent = 0, answered = 0
                for _ in 0..<6 where !finished.withLock({ $0 }) {
                    sent += 1
                    let response = try await app.client.get(URI(string: "\(base)/api/v1/enterprises?q=%E5%A4%A7%E8%BF%9E")) { request in
                        request.headers.bearerAuthorization = BearerAuthorization(token: f.centerToken)
                        request.headers.replaceOrAdd(name: .connection, value: "close")
                    }
                    #expect(response.status == .ok)
                    if !finished.withLock({ $0 }) { answered += 1 }
                }
                #expect(sent >= 4, "the batch ran long enough to meet the reads (\(sent) sent)")
                #expect(answered == sent, "every read answered while the batch was still being written (\(answered) of \(sent))")
                #expect(try await upload.value == .created)
            } catch {
                upload.cancel()
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }
}
