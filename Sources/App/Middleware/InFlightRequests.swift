import NIOConcurrencyHelpers
import Vapor

/// Requests still being handled, and whether the server is stopping. A client that gives up does not stop
/// its request's handler, so handlers can still be running after every connection has closed; the
/// application must not shut its databases down under them. `DrainRequests` stops the server and waits for
/// them first; a request that arrives once stopping has begun is answered 503 without touching a database.
final class InFlightRequests: Sendable {
    private struct State { var count = 0; var stopping = false }
    private let state = NIOLockedValueBox(State())

    var current: Int { state.withLockedValue { $0.count } }

    /// From now on new requests are refused; returns how many are still running.
    @discardableResult
    func stop() -> Int { state.withLockedValue { $0.stopping = true; return $0.count } }

    /// Counts the request in, unless the server is stopping.
    fileprivate func enter() -> Bool {
        state.withLockedValue { state in
            if state.stopping { return false }
            state.count += 1
            return true
        }
    }

    fileprivate func leave() { state.withLockedValue { $0.count -= 1 } }

    func middleware() -> some Middleware { Counter(requests: self) }

    struct Counter: Middleware {
        let requests: InFlightRequests
        func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
            guard requests.enter() else { return request.eventLoop.makeSucceededFuture(Self.stopping()) }
            return next.respond(to: request).always { _ in requests.leave() }
        }

        static func stopping() -> Response {
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: .connection, value: "close")
            headers.replaceOrAdd(name: .retryAfter, value: "5")
            return Response(status: .serviceUnavailable, headers: headers,
                            body: .init(string: #"{"error":"shutting_down","message":"服务正在停止，请稍后重试"}"#))
        }
    }
}

/// At shutdown, before the databases close: refuse new requests, stop the HTTP server (it stops accepting,
/// closes idle keep-alive connections and closes busy ones once their response is sent), then wait up to
/// `timeout` seconds for handlers still running.
struct DrainRequests: LifecycleHandler {
    let requests: InFlightRequests
    var timeout: Double = 10

    func shutdownAsync(_ app: Application) async {
        requests.stop()
        await app.server.shutdown()
        let deadline = Date().addingTimeInterval(timeout)
        while requests.current > 0, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if requests.current > 0 { app.logger.warning("shutting down with \(requests.current) requests still running") }
    }
}
