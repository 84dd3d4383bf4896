import Fluent
import Vapor

/// The database session driver, without its write on every request: Vapor's middleware saves the session after each
/// response whether or not it changed, which costs a write per page view and, on SQLite, makes every signed-in page
/// wait while another request holds the write lock (a department's large upload held a progress poll for 17 s).
/// A session whose data is as it was read is not written again (the stored record has no expiry to refresh: the
/// cookie's max-age is re-sent by the middleware either way).
struct UnchangedSessions: SessionDriver {
    let base: any SessionDriver

    struct ReadKey: StorageKey { typealias Value = [String: String] }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            if let data { request.storage[ReadKey.self] = data.snapshot }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
