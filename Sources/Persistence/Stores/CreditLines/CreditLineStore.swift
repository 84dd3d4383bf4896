import Domain
import FluentKit
import Foundation
import SQLKit

/// Revolving lines and their ledger. Every movement runs in one unit of work that first writes the line's row
/// (locking it on PostgreSQL; SQLite's unit already holds the write lock), then reads the line and its entries, checks
/// the movement against them, appends the entry and saves the line's columns (outstanding, overdue days, class) with
/// its log entry: two draws at once are serialised, and the second sees the first.
public struct CreditLineStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// A line with the columns lists filter on.
    public struct Stored: Sendable, Equatable {
        public var line: CreditLine
        public var classification: LoanClass
        public var overdueDays: Int
        public var outstanding: Cents
        public var settled: Bool
    }

    struct Row: Decodable {
        let id: Int64; let offer_id: Int64; let institution_id: Int64; let product_id: Int64; let uscc: String
        let limit_cents: Int64; let rate_bp: Int; let opened_on: String; let matures_on: String; let outstanding: Int64
        let classification: String; let overdue_days: Int; let settled: Int; let detail: String
    }

    /// What `detail` holds: the names shown with the line and the lender's reported class.
    struct Detail: Codable { var institutionName: String; var productName: String; var firmName: String; var reportedClass: LoanClass? }

    struct EntryRow: Decodable {
        let id: Int64; let line_id: Int64; let kind: String; let day: String; let amount: Int64; let interest: Int64
        let principal: Int64; let coupon_id: Int64?; let coupon_cut_bp: Int
    }

    static let columns = """
        id, offer_id, institution_id, product_id, uscc, limit_cents, rate_bp, opened_on, matures_on, outstanding,
        classification, overdue_days, settled, detail
        """

    func stored(_ rows: [Row]) async throws -> [Stored] {
        guard !rows.isEmpty else { return [] }
        var entries: [Int64: [CreditLineEntry]] = [:]
        for part in rows.map(\.id).chunked(by: 1_000) {
            for e in try await database.sql().raw("""
                SELECT id, line_id, kind, day, amount, interest, principal, coupon_id, coupon_cut_bp FROM credit_line_entries
                WHERE line_id IN (\(binds: Array(part))) ORDER BY id
                """).all(decoding: EntryRow.self) {
                entries[e.line_id, default: []].append(CreditLineEntry(
                    id: e.id, kind: CreditLineEntry.Kind(rawValue: e.kind) ?? .draw, day: Day(iso: e.day) ?? Day(year: 1970, month: 1, day: 1),
                    amount: Cents(e.amount), interestPart: Cents(e.interest), principalPart: Cents(e.principal),
                    coupon: e.coupon_id.map { DrawCoupon(couponID: $0, cutBasisPoints: e.coupon_cut_bp) }))
            }
        }
        return try rows.map { r in
            let d = try DetailCoding.decode(Detail.self, r.detail)
            let epoch = Day(year: 1970, month: 1, day: 1)
            let ledger = CreditLineLedger(limit: Cents(r.limit_cents), rate: AnnualRate(basisPoints: r.rate_bp),
                                          openedOn: Day(iso: r.opened_on) ?? epoch, maturesOn: Day(iso: r.matures_on) ?? epoch,
                                          entries: entries[r.id] ?? [])
            let line = CreditLine(id: r.id, offerID: r.offer_id, institutionID: r.institution_id, institutionName: d.institutionName,
                                  productID: r.product_id, productName: d.productName, uscc: r.uscc, firmName: d.firmName,
                                  ledger: ledger, reportedClass: d.reportedClass)
            return Stored(line: line, classification: LoanClass(rawValue: r.classification) ?? .normal, overdueDays: r.overdue_days,
                          outstanding: Cents(r.outstanding), settled: r.settled != 0)
        }
    }

    public func line(id: Int64) async throws -> Stored? {
        let rows = try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM credit_lines WHERE id = ") + "\(bind: id)")
            .all(decoding: Row.self)
        return try await stored(rows).first
    }

    /// An institution's lines, newest first, a page at a time.
    public func lines(institutionID: Int64, paging: Paging) async throws -> ResultPage<Stored> {
        struct N: Decodable { let n: Int }
        let total = try await database.sql().raw("SELECT COUNT(*) AS n FROM credit_lines WHERE institution_id = \(bind: institutionID)")
            .first(decoding: N.self)?.n ?? 0
        let rows = try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM credit_lines WHERE institution_id = ")
            + "\(bind: institutionID) ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self)
        return ResultPage(items: try await stored(rows), paging: paging, total: total)
    }

    /// A firm's lines, newest first.
    public func lines(uscc: String) async throws -> [Stored] {
        let rows = try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM credit_lines WHERE uscc = ")
            + "\(bind: uscc) ORDER BY id DESC").all(decoding: Row.self)
        return try await stored(rows)
    }

    /// Ids of lines not settled, for the daily reclassification.
    public func openLineIDs() async throws -> [Int64] {
        struct R: Decodable { let id: Int64 }
        return try await database.sql().raw("SELECT id FROM credit_lines WHERE settled = 0 ORDER BY id").all(decoding: R.self).map(\.id)
    }

    /// Every line with its ledger (the statistics read them all).
    public func allLines() async throws -> [Stored] {
        try await stored(try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM credit_lines ORDER BY id"))
            .all(decoding: Row.self))
    }

    /// Ids of every line, for the funds' daily sweep.
    public func allLineIDs() async throws -> [Int64] {
        struct R: Decodable { let id: Int64 }
        return try await database.sql().raw("SELECT id FROM credit_lines ORDER BY id").all(decoding: R.self).map(\.id)
    }

    // MARK: Writes

    /// Opens the line of an accepted offer, on `day`, for the firm `uscc` (the offer must be its own, open and
    /// not expired). The offer is marked accepted in the same unit.
    public func open(offerID: Int64, uscc: String, on day: Day, actor: String, at time: Date,
                     thresholds: ClassificationThresholds) async throws -> Stored {
        try await database.write { unit in
            let tx = unit.database
            try await tx.sql().raw("UPDATE preapproval_offers SET updated_at = updated_at WHERE id = \(bind: offerID)").run()
            guard let offer = try await PreapprovalStore(database: tx).offer(id: offerID), offer.uscc == uscc else {
                throw DomainError.notFound("该预授信额度")
            }
            guard offer.status == .offered else {
                throw DomainError.illegalTransition(entity: "该预授信额度", from: offer.statusLabel(on: day), action: "接受")
            }
            guard day <= offer.validUntil else { throw DomainError.conflict("该预授信额度已于 \(offer.validUntil) 过期") }
            let ledger = CreditLineLedger(limit: offer.limit, rate: offer.rate, openedOn: day, termMonths: offer.termMonths)
            let detail = Detail(institutionName: offer.institutionName, productName: offer.productName, firmName: offer.firmName,
                                reportedClass: nil)
            let millis = epochMillis(time)
            let id = try await tx.sql().insertReturningID("""
                INSERT INTO credit_lines (offer_id, institution_id, product_id, uscc, limit_cents, rate_bp, opened_on, matures_on,
                  outstanding, classification, overdue_days, settled, detail, created_at, updated_at)
                VALUES (\(bind: offer.id), \(bind: offer.institutionID), \(bind: offer.productID), \(bind: offer.uscc),
                  \(bind: offer.limit.value), \(bind: offer.rate.basisPoints), \(bind: ledger.openedOn.description),
                  \(bind: ledger.maturesOn.description), 0, \(bind: LoanClass.normal.rawValue), 0, 0,
                  \(bind: try DetailCoding.encode(detail)), \(bind: millis), \(bind: millis))
                RETURNING id
                """, what: "循环额度编号")
            try await tx.sql().raw("""
                UPDATE preapproval_offers SET status = 'accepted', line_id = \(bind: id), updated_at = \(bind: millis)
                WHERE id = \(bind: offer.id)
                """).run()
            let line = CreditLine(id: id, offerID: offer.id, institutionID: offer.institutionID, institutionName: offer.institutionName,
                                  productID: offer.productID, productName: offer.productName, uscc: offer.uscc, firmName: offer.firmName,
                                  ledger: ledger)
            unit.log(try LogEvents.preapprovalAccepted(offer, lineID: id, by: actor, at: time))
            unit.log(try LogEvents.creditLine(line, status: "line_opened", by: actor, at: time))
            return Stored(line: line, classification: .normal, overdueDays: 0, outstanding: .zero, settled: false)
        }
    }

    /// A movement's outcome: the ledger row's id (a draw's stable id) and the line after it.
    public struct Movement: Sendable, Equatable {
        public var entryID: Int64
        public var entry: CreditLineEntry
        public var line: Stored
    }

    /// Draws `amount` on `day` from line `lineID`. `check` runs on the locked line before anything is written (the
    /// caller's ownership and sanction checks); the ledger then refuses more than is available. `coupon`, run in the same
    /// unit after those checks, may redeem a digital credit coupon on the draw (it returns the cut; it charges the budget);
    /// `redeemed` then records the redemption against the draw's row id, still in the unit.
    public func draw(lineID: Int64, amount: Cents, on day: Day, actor: String, at time: Date, thresholds: ClassificationThresholds,
                     check: @escaping @Sendable (CreditLine) throws -> Void,
                     coupon: (@Sendable (UnitOfWork, CreditLine) async throws -> DrawCoupon?)? = nil,
                     redeemed: (@Sendable (UnitOfWork, CreditLine, CreditLineEntry) async throws -> Void)? = nil) async throws -> Movement {
        try await move(lineID: lineID, on: day, actor: actor, at: time, thresholds: thresholds, check: check, make: { unit, line in
            try line.ledger.checkDraw(amount, on: day)
            return CreditLineEntry.draw(id: 0, day: day, amount: amount, coupon: try await coupon?(unit, line))
        }, after: { unit, line, entry in
            if entry.coupon != nil { try await redeemed?(unit, line, entry) }
        })
    }

    /// Repays `amount` on `day`: interest settled that day first, then principal; more than owed is refused.
    public func repay(lineID: Int64, amount: Cents, on day: Day, actor: String, at time: Date, thresholds: ClassificationThresholds,
                      check: @escaping @Sendable (CreditLine) throws -> Void) async throws -> Movement {
        try await move(lineID: lineID, on: day, actor: actor, at: time, thresholds: thresholds, check: check) { _, line in
            let split = try line.ledger.splitRepayment(amount, on: day)
            return CreditLineEntry(id: 0, kind: .repayment, day: day, amount: amount, interestPart: split.interest,
                                   principalPart: split.principal)
        }
    }

    func move(lineID: Int64, on day: Day, actor: String, at time: Date, thresholds: ClassificationThresholds,
              check: @escaping @Sendable (CreditLine) throws -> Void,
              make: @escaping @Sendable (UnitOfWork, CreditLine) async throws -> CreditLineEntry,
              after: (@Sendable (UnitOfWork, CreditLine, CreditLineEntry) async throws -> Void)? = nil) async throws -> Movement {
        try await database.write { unit in
            let tx = unit.database
            // Write first: the row stays locked until commit, so a concurrent movement waits and then reads this one.
            try await tx.sql().raw("UPDATE credit_lines SET updated_at = updated_at WHERE id = \(bind: lineID)").run()
            let store = CreditLineStore(database: tx)
            guard var stored = try await store.line(id: lineID) else { throw DomainError.notFound("该循环额度") }
            try check(stored.line)
            var entry = try await make(unit, stored.line)
            let millis = epochMillis(time)
            entry.id = try await tx.sql().insertReturningID("""
                INSERT INTO credit_line_entries (line_id, kind, day, amount, interest, principal, actor, created_at, coupon_id, coupon_cut_bp)
                VALUES (\(bind: lineID), \(bind: entry.kind.rawValue), \(bind: entry.day.description), \(bind: entry.amount.value),
                  \(bind: entry.interestPart.value), \(bind: entry.principalPart.value), \(bind: actor), \(bind: millis),
                  \(bind: entry.coupon?.couponID), \(bind: entry.coupon?.cutBasisPoints ?? 0))
                RETURNING id
                """, what: "额度流水编号")
            stored.line.ledger.record(entry)
            try await store.save(&stored, asOf: day, thresholds: thresholds, at: time)
            unit.log(try LogEvents.creditLine(stored.line, status: "line_\(entry.kind.rawValue)", by: actor, at: time,
                                              entryRow: (entry.id, LogEvents.creditLineEntryDigest(lineID: lineID, entry, actor: actor,
                                                                                                   createdAt: millis))))
            try await after?(unit, stored.line, entry)
            return Movement(entryID: entry.id, entry: entry, line: stored)
        }
    }

    /// Recomputes a line's columns as of `day`; a change of class or overdue days is logged.
    @discardableResult
    public func reclassify(lineID: Int64, asOf day: Day, thresholds: ClassificationThresholds, at time: Date) async throws -> Stored? {
        try await database.write { unit in
            let tx = unit.database
            try await tx.sql().raw("UPDATE credit_lines SET updated_at = updated_at WHERE id = \(bind: lineID)").run()
            let store = CreditLineStore(database: tx)
            guard var stored = try await store.line(id: lineID) else { return nil }
            let before = (stored.classification, stored.overdueDays, stored.settled)
            try await store.save(&stored, asOf: day, thresholds: thresholds, at: time)
            if before != (stored.classification, stored.overdueDays, stored.settled) {
                unit.log(try LogEvents.creditLine(stored.line, status: stored.settled ? "line_settled" : "line_classification",
                                                  by: "platform", at: time))
            }
            return stored
        }
    }

    /// Writes a line's columns as of `day`, stamped with the unit's time (the statistics' refresh reads lines changed since
    /// its last run by that stamp, on the platform's clock).
    func save(_ stored: inout Stored, asOf day: Day, thresholds: ClassificationThresholds, at time: Date) async throws {
        let position = stored.line.position(asOf: day)
        stored.classification = stored.line.classification(asOf: day, thresholds: thresholds)
        stored.overdueDays = position.overdueDays
        stored.outstanding = position.principal
        stored.settled = position.isSettled
        try await database.sql().raw("""
            UPDATE credit_lines SET outstanding = \(bind: stored.outstanding.value), classification = \(bind: stored.classification.rawValue),
              overdue_days = \(bind: stored.overdueDays), settled = \(bind: stored.settled ? 1 : 0), updated_at = \(bind: epochMillis(time))
            WHERE id = \(bind: stored.line.id)
            """).run()
    }
}
