import Domain
import Foundation
import Vapor

/// `xyd demo` runs a witness of its own log, as a bank or a department would (`xyd witness`): every
/// `interval` it fetches the latest checkpoint over HTTP, checks it extends the last one it cosigned, and
/// cosigns it. Its state (its key and the last checkpoint) lives in its own folder, outside the database, so
/// a rolled-back log or a deleted checkpoint is refused and reported. A real deployment runs witnesses
/// elsewhere; this one makes `xyd log verify` and the firm's proof pages show cosigned checkpoints.
struct DemoWitness: LifecycleHandler {
    let state: URL
    let url: String
    let interval: Double
    let task = JobWorker.TaskBox()

    func didBootAsync(_ app: Application) async throws {
        let tool = WitnessTool(state: state, transport: HTTPLogTransport(client: app.client, url: url),
                               name: "demo-witness.xinyidai.example", say: { _ in })
        let logger = app.logger
        let interval = interval
        task.task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                guard !Task.isCancelled else { break }
                do {
                    switch try await tool.run() {
                    case .cosigned(let size, _):
                        logger.debug("demo witness cosigned", metadata: ["size": "\(size)"])
                    case .fork(let message, let evidence):
                        logger.critical("演示见证方发现日志分叉或回滚：\(message)（证据：\(evidence.path)）")
                    }
                } catch {
                    // No checkpoint yet, or the server is still starting: try again next time.
                    logger.debug("demo witness: \(error)")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task.task?.cancel()
        await task.task?.value
    }
}
