import NIOConcurrencyHelpers
import Vapor

/// Requests still being handled. A client that gives up does not stop its request's handler, so when the
/// server stops, handlers can still be running after every connection has closed; the application must
/// not shut its databases down under them. `DrainRequests` waits for them first.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    func middleware() -> some AsyncMiddleware { Counter(requests: self) }

    struct Counter: AsyncMiddleware {
        let requests: InFlightRequests
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            requests.count.withLockedValue { $0 += 1 }
            defer { requests.count.withLockedValue { $0 -= 1 } }
            return try await next.respond(to: request)
        }
    }
}

/// At shutdown (before the databases close), waits up to `timeout` seconds for running requests to finish.
struct DrainRequests: LifecycleHandler {
    let requests: InFlightRequests
    var timeout: Double = 10

    func shutdownAsync(_ app: Application) async {
        let deadline = Date().addingTimeInterval(timeout)
        while requests.current > 0, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if requests.current > 0 { app.logger.warning("shutting down with \(requests.current) requests still running") }
    }
}
