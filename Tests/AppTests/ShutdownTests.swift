import App
import DevTools
import Domain
import Foundation
import Synchronization
import Testing
import TestSupport
import Vapor

/// SIGTERM while clients keep their connections busy: every request is answered (200, or 503 once stopping
/// has begun), the process exits 0 within the drain time, and nothing crashes on a closed database.
@Suite struct ShutdownTests {
    @Test func sigtermUnderLoadDrainsAndExitsCleanly() async throws {
        let binary = try JobQueueTests.xydBinary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-stop-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try ThrowawayPostgres.freePort()
        let logPath = directory.appendingPathComponent("server.log").path
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        environment.merge(["XYD_PORT": String(port), "XYD_DATA_DIR": directory.path, "XYD_LOG_LEVEL": "warning",
                           "XYD_JOBS": "false"]) { $1 }
        let server = try Subprocess.spawn(binary.path, ["serve"], environment: environment, outputPath: logPath)
        let client = try await Application.make(.testing)
        do {
            let base = "http://127.0.0.1:\(port)"
            var up = false
            for _ in 0..<300 where !up {
                up = (try? await client.client.get(URI(string: "\(base)/healthz")))?.status == .ok
                if !up { try await Task.sleep(for: .milliseconds(50)) }
            }
            try #require(up, "the server did not start: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")")

            // 24 clients reading pages that touch the database, back to back on kept-alive connections;
            // SIGTERM once they have had 100 answers, whatever the machine's speed.
            let answered = Shared(0)
            let signalledFlag = Shared(false)
            let loop = Task {
                await withTaskGroup(of: [UInt].self) { group in
                    for i in 0..<24 {
                        let path = ["/public/products", "/healthz", "/public/commitments", "/api/v1/catalog"][i % 4]
                        group.addTask {
                            var statuses: [UInt] = []
                            let deadline = Date().addingTimeInterval(60)
                            while Date() < deadline {
                                guard let response = try? await client.client.get(URI(string: base + path)) else {
                                    if signalledFlag.value { break } else { continue }
                                }
                                statuses.append(response.status.code)
                                answered.update { $0 += 1 }
                            }
                            return statuses
                        }
                    }
                    var all: [UInt] = []
                    for await statuses in group { all += statuses }
                    return all
                }
            }
            for _ in 0..<3000 where answered.value < 100 { try await Task.sleep(for: .milliseconds(10)) }
            signalledFlag.update { $0 = true }
            let signalled = Date()
            kill(server.pid, SIGTERM)
            let status = server.wait()
            let took = Date().timeIntervalSince(signalled)
            let statuses = await loop.value
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            #expect(status == 0, "exit status \(status); log:\n\(log.suffix(2000))")
            #expect(took < 12, "took \(took) s to stop")
            #expect(!log.contains("Fatal error"), "\(log.suffix(2000))")
            #expect(statuses.count >= 100, "the load reached the server")
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(Set(statuses))")
        } catch {
            server.terminate()
            try? await client.asyncShutdown()
            throw error
        }
        try await client.asyncShutdown()
    }
}

/// A value several tasks read and change.
final class Shared<Value: Sendable>: Sendable {
    private let box: Mutex<Value>
    init(_ value: Value) { box = Mutex(value) }
    var value: Value { box.withLock { $0 } }
    func update(_ change: (inout Value) -> Void) { box.withLock { change(&$0) } }
}
