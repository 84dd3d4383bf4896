import Fluent
import App
import Domain
import FluentKit
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport

/// Every write goes through a unit of work: the lock, the transparency-log entries and the generation bumps
/// in the writer's own transaction.
@Suite struct UnitOfWorkTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Persistence")

    /// A function of a store file: its signature and body.
    struct Function { let file: String; let name: String; let signature: String; let body: String }

    static func functions(in url: URL) throws -> [Function] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let chars = Array(text)
        var found: [Function] = []
        var searchFrom = text.startIndex
        while let range = text.range(of: "func ", range: searchFrom..<text.endIndex) {
            searchFrom = range.upperBound
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            let lineStart = chars[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            let prefix = String(chars[lineStart..<start])
            guard prefix.allSatisfy({ $0 == " " || $0.isLetter || $0 == "@" }) else { continue }  // not in a comment
            var i = start
            var depth = 0
            // The body's brace: the first `{` outside the parameter list.
            while i < chars.count {
                if chars[i] == "(" { depth += 1 } else if chars[i] == ")" { depth -= 1 } else if chars[i] == "{", depth == 0 { break }
                i += 1
            }
            guard i < chars.count else { break }
            let signature = prefix + String(chars[start..<i])
            var j = i + 1
            depth = 1
            while j < chars.count, depth > 0 {
                if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1 }
                j += 1
            }
            let name = String(signature.split(separator: "(").first?.split(separator: " ").last ?? "")
            found.append(Function(file: url.lastPathComponent, name: name, signature: signature, body: String(chars[(i + 1)..<max(i + 1, j - 1)])))
        }
        return found
    }

    static func storeFiles() throws -> [URL] {
        let stores = sources.appendingPathComponent("Stores")
        let enumerator = FileManager.default.enumerator(at: stores, includingPropertiesForKeys: nil)
        var files = (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
        files.append(sources.appendingPathComponent("Ingest/BatchIngestor.swift"))
        return files.sorted { $0.path < $1.path }
    }

    /// The closures passed to `database.write`.
    static func unitBodies(in text: String) -> [String] {
        var bodies: [String] = []
        var rest = text[...]
        while let start = rest.range(of: ".write { unit in") {
            var depth = 1
            var index = start.upperBound
            while index < rest.endIndex, depth > 0 {
                if rest[index] == "{" { depth += 1 } else if rest[index] == "}" { depth -= 1 }
                index = rest.index(after: index)
            }
            bodies.append(String(rest[start.upperBound..<index]))
            rest = rest[index...]
        }
        return bodies
    }

    static let writeSQL = ["INSERT INTO", "UPDATE ", "DELETE FROM", ".insert(into:", "insertReturningID", "ON CONFLICT"]

    /// Enumerates the functions of every store that write, and fails for each one that writes outside a unit
    /// of work: a public one must take a `UnitOfWork` or open one (`database.write`); a helper that takes a
    /// bare connection must not be public (only units call it).
    @Test func everyStoreWriterWritesInsideAUnitOfWork() throws {
        var writers: [String] = []
        var violations: [String] = []
        for file in try Self.storeFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for banned in ["transaction {", "TransparencyLog.append", "Generations.bump("] where text.contains(banned) {
                violations.append("\(file.lastPathComponent) uses \(banned) (go through a UnitOfWork)")
            }
            // Inside a unit, the store's own methods would run on another pooled connection: outside the
            // transaction, and a deadlock where the pool has one connection (PostgreSQL's default per loop).
            let names = Set(try Self.functions(in: file).map(\.name))
            for body in Self.unitBodies(in: text) {
                for name in names where body.contains("try await \(name)(") {
                    violations.append("\(file.lastPathComponent): \(name) is called on the store's pool inside a unit of work")
                }
            }
            for function in try Self.functions(in: file) where Self.writeSQL.contains(where: function.body.contains) {
                writers.append("\(function.file):\(function.name)")
                let inUnit = function.signature.contains("UnitOfWork") || function.body.contains(".write {")
                let isPublic = function.signature.contains("public ")
                if isPublic, !inUnit { violations.append("\(function.file):\(function.name) writes outside a unit of work") }
                if !isPublic, !inUnit, !function.signature.contains("any SQLDatabase"), !function.signature.contains("Database"),
                   !function.signature.contains("inout") {
                    violations.append("\(function.file):\(function.name) writes on the store's own connection")
                }
            }
        }
        #expect(writers.count >= 30, "the scan finds the stores' writers: \(writers)")
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// A failing unit leaves nothing: no row, no log entry, no generation bump. A successful one keeps all three.
    @Test(arguments: Backend.allCases)
    func aUnitCommitsItsLogEntriesAndBumpsOrNothing(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            struct N: Decodable { let n: Int }
            func count(_ query: SQLQueryString) async throws -> Int { try await sql.raw(query).first(decoding: N.self)?.n ?? -1 }
            let pendingBefore = try await count("SELECT COUNT(*) AS n FROM tlog_pending")
            let before = try await Generations.current(on: app.db)
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await app.db.write { unit in
                    try await unit.sql().raw("INSERT INTO departments (code, name, datasets, created_at) VALUES ('x', 'X', '', 0)").run()
                    unit.log(try LogEvents.dataAccess(.init(uscc: "u", institutionID: 1, actor: "a", categories: [],
                                                            authorisationID: 1, purpose: "p", action: "t"), id: 1))
                    unit.bump(.consents)
                    throw Boom()
                }
            }
            #expect(try await count("SELECT COUNT(*) AS n FROM departments WHERE code = 'x'") == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM tlog_pending") == pendingBefore)
            #expect(try await Generations.current(on: app.db) == before)

            try await app.db.write { unit in
                try await unit.sql().raw("INSERT INTO departments (code, name, datasets, created_at) VALUES ('y', 'Y', '', 0)").run()
                unit.log(try LogEvents.dataAccess(.init(uscc: "u", institutionID: 1, actor: "a", categories: [],
                                                        authorisationID: 1, purpose: "p", action: "t"), id: 2))
                unit.bump(.consents)
                unit.bump(.consents)
            }
            #expect(try await count("SELECT COUNT(*) AS n FROM departments WHERE code = 'y'") == 1)
            #expect(try await count("SELECT COUNT(*) AS n FROM tlog_pending") == pendingBefore + 1)
            let after = try await Generations.current(on: app.db)
            #expect(after[.consents] == (before[.consents] ?? 0) + 1, "bumped once however often it was marked")
            #expect(after[.profiles] == before[.profiles])
        }
    }
}
