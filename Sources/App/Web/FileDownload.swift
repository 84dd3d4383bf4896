import Foundation
import Vapor

/// A stored file as a download: never rendered by the browser (`attachment`, `nosniff`), never cached, with the
/// SHA-256 the transparency log names in `X-Content-SHA256` so the receiver can check it.
enum FileDownload {
    static func response(_ bytes: [UInt8], fileName: String, contentType: String = "application/octet-stream", sha256: String) -> Response {
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.contentDisposition = .init(.attachment, filename: fileName)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: sha256)
        return response
    }
}
