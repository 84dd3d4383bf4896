import App
import DevTools
import Domain
import Foundation
import Testing
import TestSupport
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// A stranger's upload costs no memory (issue 10, item 6): the web upload is answered from its headers, before
/// a byte of its body is read, and a signed-in upload streams into the ingestor.
@Suite struct UploadMemoryTests {
    /// Sends the head of a request announcing 256 MB and 64 KB of its body, then waits (up to 10 s) for the
    /// answer: a server that collected the body first would still be waiting for the rest.
    static func answerBeforeBody(port: Int, path: String) throws -> (connected: Bool, reply: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (false, "") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
            + "Content-Type: multipart/form-data; boundary=xyd\r\nContent-Length: \(256 << 20)\r\n\r\n"
            + "--xyd\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
        var bytes = Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
        _ = bytes.withUnsafeMutableBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var reply = [UInt8](repeating: 0, count: 4096)
        let n = reply.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return (true, n > 0 ? String(decoding: reply.prefix(n), as: UTF8.self) : "")
    }

    @Test func aStrangersUploadIsAnsweredBeforeItsBodyIsRead() async throws {
        try await withTestApp(.sqlite) { app in
            let port = try ThrowawayPostgres.freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try await app.server.start()
            // The blocking socket calls run on a thread of their own: on one of the (two) cooperative threads they
            // could keep the server from answering while the rest of the suite keeps the other busy.
            let (connected, reply) = try await NIOThreadPool.singleton.runIfActive {
                try Self.answerBeforeBody(port: port, path: "/console/upload")
            }
            await app.server.shutdown()
            #expect(connected)
            let status = reply.split(separator: "\r\n").first.map(String.init) ?? ""
            #expect(status.hasPrefix("HTTP/1.1 303") || status.hasPrefix("HTTP/1.1 401"), "\(reply.prefix(300))")
        }
    }
}
