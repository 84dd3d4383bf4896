import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// Requests a stranger or a careless client may send: none of them may stop the server, and each gets a
/// specific Chinese error.
@Suite struct HostileRequestTests {
    static let huge = "9000000000000000000"
    static let twoTo63 = "9223372036854775808"

    /// A page number whose offset overflowed stopped the process (exit 132) on every paged list.
    @Test func absurdPageNumbersAreRefusedNotFatal() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let m = try await MarketFixtures.seed(app, base: f)
            let cases: [(String, String?)] = [
                ("/public/commitments?page=\(Self.huge)", nil),
                ("/api/v1/applications?page=\(Self.huge)", m.firmAToken),
                ("/api/v1/applications?page=\(Self.huge)", m.bankAToken),
                ("/api/v1/access-log?page=\(Self.huge)", m.firmAToken),
                ("/api/v1/enterprises?page=\(Self.huge)", f.centerToken),
                ("/api/v1/enterprises?page=1&per_page=\(Self.huge)", f.centerToken),
                ("/api/v1/batches?page=\(Self.huge)", f.centerToken),
                ("/api/v1/batches?page=-3", f.centerToken),
                ("/api/v1/batches?page=x", f.centerToken),
            ]
            for (path, token) in cases {
                let reply = try await send(app, .GET, path, token: token)
                #expect(reply.status == .unprocessableEntity, "\(path)")
                let body = try reply.json()
                #expect(body["error"] as? String == "invalid_input", "\(path)")
                #expect((body["message"] as? String)?.contains("之间的整数") == true, "\(path): \(reply.body)")
            }
            // The first page still works, and so does a page beyond the end (empty).
            #expect(try await send(app, .GET, "/api/v1/batches?page=1", token: f.centerToken).status == .ok)
            #expect(try await send(app, .GET, "/api/v1/batches?page=1000000", token: f.centerToken).status == .ok)
            #expect(try await send(app, .GET, "/public/commitments?page=2").status == .ok)
        }
    }

    /// Tree sizes of 2^63 and more were converted to signed 64-bit and trapped.
    @Test func treeSizesBeyondSigned64BitsAreRefused() async throws {
        try await withTestApp(.sqlite) { app in
            for path in ["/api/v1/log/checkpoints/\(Self.twoTo63)", "/api/v1/log/cosignatures?size=\(Self.twoTo63)",
                         "/api/v1/log/cosignatures?size=18446744073709551615", "/api/v1/log/entries?start=18446744073709551615",
                         "/api/v1/log/proof/consistency?old=\(Self.twoTo63)&new=\(Self.twoTo63)"] {
                let reply = try await send(app, .GET, path)
                #expect(reply.status == .unprocessableEntity, "\(path): \(reply.body)")
                #expect(try reply.json()["error"] as? String == "invalid_input")
            }
            // The largest signed size is a valid number; there is simply no such checkpoint.
            let largest = try await send(app, .GET, "/api/v1/log/checkpoints/\(Int64.max)")
            #expect(largest.status == .notFound)
            let submitted = try await send(app, .POST, "/api/v1/log/cosignatures",
                                           body: #"{"size": 18446744073709551615, "verifierKey": "x", "signature": "y"}"#,
                                           contentType: "application/json")
            #expect(submitted.status == .unprocessableEntity, "\(submitted.body)")
        }
    }

    /// A 4,096-byte path reached the file system (ENAMETOOLONG), answered 500 and wrote a 10 KB log line.
    @Test func overlongPathsAreRefusedBeforeTheFileSystem() async throws {
        try await withTestApp(.sqlite) { app in
            let path = "/" + String(repeating: "a", count: 4095)
            let api = try await send(app, .GET, "/api/v1" + path)
            #expect(api.status == .uriTooLong)
            #expect(try api.json()["error"] as? String == "uri_too_long")
            let page = try await send(app, .GET, path, headers: ["Accept": "text/html"])
            #expect(page.status == .uriTooLong)
            #expect(page.body.contains("请求地址过长"))
            #expect(try await send(app, .GET, "/static/app.css").status == .ok)
            #expect(try await send(app, .GET, "/static/../Package.swift").status != .ok)
        }
    }
}
