import Services
import Synchronization
import Vapor

/// Counts requests by method, matched route and status, and times them. A route's label is made once per
/// route, not per request.
struct MetricsMiddleware: Middleware {
    final class RouteLabels: Sendable {
        private let labels = Mutex<[ObjectIdentifier: String]>([:])

        func label(_ route: Route?) -> String {
            guard let route else { return "unmatched" }
            let id = ObjectIdentifier(route)
            if let known = labels.withLock({ $0[id] }) { return known }
            let label = "/" + route.path.map(\.description).joined(separator: "/")
            labels.withLock { $0[id] = label }
            return label
        }
    }

    let routes = RouteLabels()

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        let metrics = request.platform.metrics
        let routes = routes
        return next.respond(to: request).always { result in
            let status = switch result {
            case .success(let response): response.status.code
            case .failure(let error): ErrorMiddleware.describe(error).0.code
            }
            let elapsed = ContinuousClock.now - start
            metrics.recordRequest(method: request.method.rawValue, route: routes.label(request.route), status: status,
                                  seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
