import App
import Services
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// One HTTP exchange with the in-memory application.
struct Reply {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let body: String
    /// The body's bytes (a download that is not text).
    var bytes: [UInt8] = []

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}

@discardableResult
func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
          bytes: [UInt8]? = nil, contentType: String? = nil, headers extra: HTTPHeaders = [:]) async throws -> Reply {
    var headers = extra
    if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
    if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
    var buffer: ByteBuffer?
    if let body { buffer = ByteBuffer(string: body) }
    if let bytes { buffer = ByteBuffer(bytes: bytes) }
    var reply: Reply?
    try await app.testing().test(method, path, headers: headers, body: buffer) { response in
        reply = Reply(status: response.status, headers: response.headers, body: response.body.string,
                      bytes: Array(response.body.readableBytesView))
    }
    return try #require(reply)
}

@discardableResult
func upload(_ app: Application, _ dataset: String, _ text: String, token: String, name: String = "file.csv") async throws -> Reply {
    try await send(app, .POST, "/api/v1/datasets/\(dataset)/batches?file_name=\(name)", token: token, body: text, contentType: "text/csv")
}

/// The batch part of an upload's reply.
func batch(_ reply: Reply) throws -> [String: Any] {
    try #require(try reply.json()["batch"] as? [String: Any])
}

func count(_ app: Application, _ table: String) async throws -> Int {
    try await app.rawCount(table)
}

/// A JSON object as request text.
func json(_ value: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
}

/// POSTs a JSON object with a token. A `sign_contract` event without a `code` is signed as the firm would: the
/// code is requested first and read from the SMS outbox (tests of the code itself send their bodies with `send`).
func post(_ app: Application, _ path: String, token: String, _ body: [String: Any]) async throws -> Reply {
    var body = body
    if body["action"] as? String == "sign_contract", body["code"] == nil, path.hasSuffix("/events") {
        let codePath = String(path.dropLast("/events".count)) + "/contract-code"
        let sent = try await send(app, .POST, codePath, token: token, body: "{}", contentType: "application/json")
        if sent.status == .ok, let masked = try sent.json()["sentTo"] as? String, let code = app.smsOutbox?.lastCode(toMasked: masked) {
            body["code"] = code
        }
    }
    return try await send(app, .POST, path, token: token, body: try json(body), contentType: "application/json")
}

/// Moves the app's clock to noon of `day`, for steps that happened then (an application signed and disbursed 40 days
/// ago: a loan is never disbursed before its contract); returns the platform to put back afterwards.
@discardableResult
func moveClock(_ app: Application, to day: Day) -> Platform {
    let saved = app.platform
    app.platform = saved.on(TestClock(day.description).clock)
    return saved
}
