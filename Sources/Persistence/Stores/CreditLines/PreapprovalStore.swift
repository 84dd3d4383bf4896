import CreditLog
import Domain
import FluentKit
import Foundation
import PostgresNIO
import SQLiteNIO
import SQLKit

/// Pre-approval runs and their offers. A run and all its offers are stored in one unit of work, with its
/// transparency-log entry (the digest of the offers) and the supersession of the product's earlier live offers;
/// the offers go in as multi-row statements (SQLite) or one `unnest` insert (PostgreSQL), as evaluations do.
public struct PreapprovalStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// An offer before it is stored (its id and run are given by the store).
    public struct NewOffer: Sendable, Equatable {
        public var uscc: String
        public var firmName: String
        public var terms: PreapprovalPricing.Terms
        public var probability: DefaultProbability
        public init(uscc: String, firmName: String, terms: PreapprovalPricing.Terms, probability: DefaultProbability) {
            self.uscc = uscc; self.firmName = firmName; self.terms = terms; self.probability = probability
        }
    }

    /// The digest of a run's offers, in the order given: one line per offer of its firm and terms (the log entry's
    /// `offersDigest`; anyone holding the offers can recompute it).
    public static func digest(_ offers: [NewOffer]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(offers.count * 64)
        for o in offers {
            bytes += Array("\(o.uscc)|\(o.terms.limit.value)|\(o.terms.rate.basisPoints)|\(o.terms.termMonths)|\(o.probability.ppm)\n".utf8)
        }
        return LogEntry.digest(of: bytes)
    }

    /// Stores a run and its offers; earlier offers of the product not yet accepted are superseded. Returns the run
    /// with its id.
    public func store(_ run: PreapprovalRun, offers: [NewOffer], at time: Date) async throws -> PreapprovalRun {
        try await database.write { unit in
            var run = run
            let tx = unit.database
            let millis = epochMillis(time)
            run.id = try await tx.sql().insertReturningID("""
                INSERT INTO preapproval_runs (institution_id, product_id, valid_until, offers, detail, created_by, created_at)
                VALUES (\(bind: run.institutionID), \(bind: run.productID), \(bind: run.validUntil.description), \(bind: run.offers),
                  \(bind: try DetailCoding.encode(run)), \(bind: run.ranBy), \(bind: millis))
                RETURNING id
                """, what: "预授信批次编号")
            try await tx.sql().raw("""
                UPDATE preapproval_offers SET status = 'superseded', updated_at = \(bind: millis)
                WHERE product_id = \(bind: run.productID) AND status = 'offered'
                """).run()
            let rows = offers.map { Row(run: run, offer: $0) }
            if let sqlite = tx as? any SQLiteDatabase {
                try await Self.sqliteInsert(rows, millis: millis, on: sqlite)
            } else if let postgres = tx as? any PostgresDatabase {
                try await Self.postgresInsert(rows, millis: millis, on: postgres)
            } else {
                for row in rows { try await Self.genericInsert(row, millis: millis, on: tx.sql()) }
            }
            unit.log(try LogEvents.preapprovalRun(run, at: time))
            return run
        }
    }

    /// One offer's columns.
    struct Row: Sendable {
        var runID: Int64, institutionID: Int64, productID: Int64, uscc: String, firmName: String, limit: Int64, rate: Int
        var rateMin: Int, rateMax: Int, term: Int, ppm: Int, validUntil: String, reasons: String
        init(run: PreapprovalRun, offer: NewOffer) {
            runID = run.id; institutionID = run.institutionID; productID = run.productID; uscc = offer.uscc
            firmName = offer.firmName; limit = offer.terms.limit.value; rate = offer.terms.rate.basisPoints
            rateMin = offer.terms.rates.minBasisPoints; rateMax = offer.terms.rates.maxBasisPoints; term = offer.terms.termMonths
            ppm = offer.probability.ppm; validUntil = run.validUntil.description
            reasons = offer.terms.reasons.joined(separator: "\n")
        }
    }

    static let columns = ["run_id", "institution_id", "product_id", "uscc", "firm_name", "status", "limit_cents", "rate_bp",
                          "rate_min_bp", "rate_max_bp", "term_months", "probability_ppm", "valid_until", "reasons"]

    /// 500 rows a statement; `created_at` and `updated_at` bound once as ?1.
    static func sqliteInsert(_ rows: [Row], millis: Int64, on sqlite: any SQLiteDatabase) async throws {
        let width = columns.count
        for start in stride(from: 0, to: rows.count, by: 500) {
            let chunk = rows[start..<min(rows.count, start + 500)]
            var sql = "INSERT INTO preapproval_offers (\(columns.joined(separator: ", ")), created_at, updated_at) VALUES "
            var binds: [SQLiteData] = [.integer(Int(millis))]
            binds.reserveCapacity(1 + chunk.count * width)
            for (index, r) in chunk.enumerated() {
                let p = 2 + index * width
                sql += (index == 0 ? "(" : ",(") + (0..<width).map { "?\(p + $0)" }.joined(separator: ",") + ",?1,?1)"
                binds += [.integer(Int(r.runID)), .integer(Int(r.institutionID)), .integer(Int(r.productID)), .text(r.uscc),
                          .text(r.firmName), .text("offered"), .integer(Int(r.limit)), .integer(r.rate), .integer(r.rateMin),
                          .integer(r.rateMax), .integer(r.term), .integer(r.ppm), .text(r.validUntil), .text(r.reasons)]
            }
            _ = try await sqlite.query(sql, binds)
        }
    }

    /// One statement, the columns bound as arrays and unpacked by `unnest`.
    static func postgresInsert(_ rows: [Row], millis: Int64, on postgres: any PostgresDatabase) async throws {
        guard let first = rows.first else { return }
        var b = PostgresBindings()
        b.append(first.runID); b.append(first.institutionID); b.append(first.productID); b.append(first.validUntil); b.append(millis)
        b.append(rows.map(\.uscc)); b.append(rows.map(\.firmName)); b.append(rows.map(\.limit)); b.append(rows.map { Int64($0.rate) })
        b.append(rows.map { Int64($0.rateMin) }); b.append(rows.map { Int64($0.rateMax) }); b.append(rows.map { Int64($0.term) })
        b.append(rows.map { Int64($0.ppm) }); b.append(rows.map(\.reasons))
        let query = PostgresQuery(unsafeSQL: """
            INSERT INTO preapproval_offers (\(columns.joined(separator: ", ")), created_at, updated_at)
            SELECT $1, $2, $3, u, f, 'offered', l, r, rmin, rmax, t, p, $4, reasons, $5, $5
            FROM unnest($6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[],
              $13::bigint[], $14::text[]) WITH ORDINALITY AS t(u, f, l, r, rmin, rmax, t, p, reasons, n)
            ORDER BY n
            """, binds: b)
        try await postgres.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: Void.self)
            promise.completeWithTask { try await connection.query(query, logger: connection.logger) }
            return promise.futureResult
        }.get()
    }

    static func genericInsert(_ r: Row, millis: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO preapproval_offers (run_id, institution_id, product_id, uscc, firm_name, status, limit_cents, rate_bp,
              rate_min_bp, rate_max_bp, term_months, probability_ppm, valid_until, reasons, created_at, updated_at)
            VALUES (\(bind: r.runID), \(bind: r.institutionID), \(bind: r.productID), \(bind: r.uscc), \(bind: r.firmName), 'offered',
              \(bind: r.limit), \(bind: r.rate), \(bind: r.rateMin), \(bind: r.rateMax), \(bind: r.term), \(bind: r.ppm),
              \(bind: r.validUntil), \(bind: r.reasons), \(bind: millis), \(bind: millis))
            """).run()
    }

    // MARK: Reads

    struct RunRow: Decodable { let id: Int64; let detail: String }

    func run(_ row: RunRow) throws -> PreapprovalRun {
        var run = try DetailCoding.decode(PreapprovalRun.self, row.detail)
        run.id = row.id
        return run
    }

    public func run(id: Int64) async throws -> PreapprovalRun? {
        try await database.sql().raw("SELECT id, detail FROM preapproval_runs WHERE id = \(bind: id)")
            .first(decoding: RunRow.self).map(run)
    }

    /// An institution's runs, newest first.
    public func runs(institutionID: Int64, limit: Int = 100) async throws -> [PreapprovalRun] {
        try await database.sql().raw("""
            SELECT id, detail FROM preapproval_runs WHERE institution_id = \(bind: institutionID) ORDER BY id DESC LIMIT \(bind: limit)
            """).all(decoding: RunRow.self).map(run)
    }

    struct OfferRow: Decodable {
        let id: Int64; let run_id: Int64; let institution_id: Int64; let institution_name: String?; let product_id: Int64
        let product_name: String?; let uscc: String; let firm_name: String; let status: String; let limit_cents: Int64
        let rate_bp: Int; let rate_min_bp: Int; let rate_max_bp: Int; let term_months: Int; let probability_ppm: Int
        let valid_until: String; let reasons: String; let line_id: Int64?
    }

    static let offerSelect: SQLQueryString = """
        SELECT o.id, o.run_id, o.institution_id, i.name AS institution_name, o.product_id, p.name AS product_name, o.uscc,
          o.firm_name, o.status, o.limit_cents, o.rate_bp, o.rate_min_bp, o.rate_max_bp, o.term_months, o.probability_ppm,
          o.valid_until, o.reasons, o.line_id
        FROM preapproval_offers o LEFT JOIN institutions i ON i.id = o.institution_id LEFT JOIN products p ON p.id = o.product_id
        """

    static func offer(_ r: OfferRow) -> PreapprovalOffer {
        PreapprovalOffer(id: r.id, runID: r.run_id, institutionID: r.institution_id, institutionName: r.institution_name ?? "",
                         productID: r.product_id, productName: r.product_name ?? "", uscc: r.uscc, firmName: r.firm_name,
                         status: PreapprovalOffer.Status(rawValue: r.status) ?? .offered, limit: Cents(r.limit_cents),
                         rate: AnnualRate(basisPoints: r.rate_bp),
                         rates: RateRange(minBasisPoints: r.rate_min_bp, maxBasisPoints: r.rate_max_bp), termMonths: r.term_months,
                         probability: DefaultProbability(ppm: r.probability_ppm), validUntil: Day(iso: r.valid_until) ?? Day(year: 1970, month: 1, day: 1),
                         reasons: r.reasons.split(separator: "\n").map(String.init), lineID: r.line_id)
    }

    public func offer(id: Int64) async throws -> PreapprovalOffer? {
        try await database.sql().raw(Self.offerSelect + " WHERE o.id = \(bind: id)").first(decoding: OfferRow.self).map(Self.offer)
    }

    /// A page of a run's offers, in the order stored.
    public func offers(runID: Int64, paging: Paging) async throws -> ResultPage<PreapprovalOffer> {
        struct N: Decodable { let n: Int }
        let total = try await database.sql().raw("SELECT COUNT(*) AS n FROM preapproval_offers WHERE run_id = \(bind: runID)")
            .first(decoding: N.self)?.n ?? 0
        let items = try await database.sql().raw(Self.offerSelect + """
             WHERE o.run_id = \(bind: runID) ORDER BY o.id LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)
            """).all(decoding: OfferRow.self).map(Self.offer)
        return ResultPage(items: items, paging: paging, total: total)
    }

    /// Every offer of a run, a page of `pageSize` at a time (the CSV export).
    public func eachOffer(runID: Int64, pageSize: Int = 5_000, _ body: ([PreapprovalOffer]) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await database.sql().raw(Self.offerSelect + """
                 WHERE o.run_id = \(bind: runID) AND o.id > \(bind: after) ORDER BY o.id LIMIT \(bind: pageSize)
                """).all(decoding: OfferRow.self)
            guard let last = rows.last else { return }
            after = last.id
            try body(rows.map(Self.offer))
        }
    }

    /// A firm's offers still open on `day` (not accepted, superseded or past their last day), newest first.
    public func openOffers(uscc: String, on day: Day) async throws -> [PreapprovalOffer] {
        try await database.sql().raw(Self.offerSelect + """
             WHERE o.uscc = \(bind: uscc) AND o.status = 'offered' AND o.valid_until >= \(bind: day.description) ORDER BY o.id DESC
            """).all(decoding: OfferRow.self).map(Self.offer)
    }
}
