import Vapor

/// Headers every response carries: no content sniffing and no referrer beyond this site; pages may load
/// scripts, styles and images from this site only and may not be framed; API responses (credit data among
/// them) are never stored by a browser or a proxy.
struct SecurityHeaders: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if response.headers.contentType == .html {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        }
        if request.url.path.hasPrefix("/api/") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
