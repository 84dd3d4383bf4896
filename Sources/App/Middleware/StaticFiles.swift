import Crypto
import Foundation
import Vapor

/// The shipped CSS and JavaScript under `/static/`, read into memory once at start: a request for one is a
/// dictionary lookup and a shared buffer, with no file-system call, no session and no database; other paths
/// pass through untouched (a hostile path cannot reach the file system). Answers carry an ETag, so a browser
/// revalidates with a 304, and may be cached for an hour.
struct StaticFiles: Middleware {
    struct File: Sendable {
        let body: ByteBuffer
        let contentType: HTTPMediaType
        let etag: String
    }

    let files: [String: File]

    init(publicDirectory: String) {
        var files: [String: File] = [:]
        let root = URL(fileURLWithPath: publicDirectory).appendingPathComponent("static")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else { continue }
            let type = HTTPMediaType.fileExtension(URL(fileURLWithPath: name).pathExtension) ?? .binary
            let etag = "\"" + SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
            files["/static/" + name] = File(body: ByteBuffer(bytes: [UInt8](data)), contentType: type, etag: etag)
        }
        self.files = files
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let file = files[request.urlPath], request.method == .GET || request.method == .HEAD else {
            return next.respond(to: request)
        }
        var headers = HTTPHeaders()
        headers.contentType = file.contentType
        headers.replaceOrAdd(name: .eTag, value: file.etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if request.headers.first(name: .ifNoneMatch) == file.etag {
            return request.eventLoop.makeSucceededFuture(Response(status: .notModified, headers: headers))
        }
        return request.eventLoop.makeSucceededFuture(Response(status: .ok, headers: headers, body: .init(buffer: file.body)))
    }
}

/// Refuses request targets longer than any route of ours needs, before routing, sessions or files see them.
struct RequestLimits: Middleware {
    static let maxPathBytes = 1024

    struct PathTooLong: Error {}

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.urlPath.utf8.count <= Self.maxPathBytes else { return request.eventLoop.makeFailedFuture(PathTooLong()) }
        return next.respond(to: request)
    }
}
