import Vapor

/// The shipped CSS and JavaScript under `/static/`. Other paths never reach the file system: no `stat` per
/// request, and a hostile path (thousands of bytes, `..`) cannot turn into a file-system error.
struct StaticFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/static/") else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}

/// Refuses request targets longer than any route of ours needs, before routing, sessions or files see them.
struct RequestLimits: AsyncMiddleware {
    static let maxPathBytes = 1024

    struct PathTooLong: Error {}

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.utf8.count <= Self.maxPathBytes else { throw PathTooLong() }
        return try await next.respond(to: request)
    }
}
