import Services
import Vapor

/// Counts requests by method, matched route and status, and times them.
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let metrics = request.platform.metrics
        func record(_ status: UInt) {
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            metrics.increment("xyd_http_requests_total",
                              labels: [("method", request.method.rawValue), ("route", route), ("status", String(status))])
            let elapsed = ContinuousClock.now - start
            metrics.increment("xyd_http_request_duration_seconds_sum",
                              by: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            metrics.increment("xyd_http_request_duration_seconds_count")
        }
        do {
            let response = try await next.respond(to: request)
            record(response.status.code)
            return response
        } catch {
            record(ErrorMiddleware.describe(error).0.code)
            throw error
        }
    }
}
