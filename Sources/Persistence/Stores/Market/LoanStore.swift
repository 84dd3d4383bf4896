import Domain
import FluentKit
import Foundation
import SQLKit

/// Loans with their schedule and repayments; classification, overdue days and outstanding principal are
/// kept in columns so lists and the daily job can filter on them.
public struct LoanStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Stored: Sendable, Equatable, Codable {
        public var id: Int64
        public var applicationID: Int64
        public var institutionID: Int64
        public var uscc: String
        public var firmName: String
        public var productName: String
        public var ledger: LoanLedger
        public var classification: LoanClass
        public var overdueDays: Int
        public var outstanding: Cents
        public var settled: Bool
        /// The class the lending institution reported (e.g. 可疑 for a firm in trouble); the loan is never
        /// classified better than this, whatever its overdue days.
        public var reportedClass: LoanClass?
        /// The digital credit coupon redeemed at disbursement, if any (the schedule's rate is the rate after it).
        public var coupon: LoanCoupon? = nil
    }

    struct Row: Decodable {
        let id: Int64; let detail: String; let classification: String; let overdue_days: Int; let outstanding: Int64
        let settled: Int
    }

    struct Detail: Codable { var applicationID: Int64; var institutionID: Int64; var uscc: String; var firmName: String
        var productName: String; var ledger: LoanLedger; var reportedClass: LoanClass? = nil; var coupon: LoanCoupon? = nil }

    func stored(_ row: Row) throws -> Stored {
        let d = try DetailCoding.decode(Detail.self, row.detail)
        return Stored(id: row.id, applicationID: d.applicationID, institutionID: d.institutionID, uscc: d.uscc,
                      firmName: d.firmName, productName: d.productName, ledger: d.ledger,
                      classification: LoanClass(rawValue: row.classification) ?? .normal,
                      overdueDays: row.overdue_days, outstanding: Cents(row.outstanding), settled: row.settled != 0,
                      reportedClass: d.reportedClass, coupon: d.coupon)
    }

    static let columns = "id, detail, classification, overdue_days, outstanding, settled"

    /// Opens the loan of a disbursed application (inside the application's transaction).
    @discardableResult
    public static func open(in unit: UnitOfWork, application: ApplicationStore.Stored, ledger: LoanLedger,
                            asOf day: Day, thresholds: ClassificationThresholds, coupon: LoanCoupon? = nil) async throws -> Int64 {
        let detail = Detail(applicationID: application.id, institutionID: application.institutionID, uscc: application.uscc,
                            firmName: application.firmName, productName: application.productName, ledger: ledger, coupon: coupon)
        let position = ledger.position(asOf: day)
        let id = try await unit.sql().insertReturningID("""
            INSERT INTO loans (application_id, institution_id, uscc, detail, classification, overdue_days, outstanding, settled, updated_at)
            VALUES (\(bind: application.id), \(bind: application.institutionID), \(bind: application.uscc),
              \(bind: try DetailCoding.encode(detail)), \(bind: position.classification(thresholds: thresholds).rawValue),
              \(bind: position.overdueDays), \(bind: position.outstandingPrincipal.value), \(bind: position.isSettled ? 1 : 0),
              \(bind: epochMillis()))
            RETURNING id
            """, what: "贷款编号")
        unit.log(try LogEvents.loanStatus(loanID: id, lender: application.institutionID, status: "opened", report: detail))
        return id
    }

    public func loan(id: Int64) async throws -> Stored? {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans WHERE id = ") + "\(bind: id)")
            .first(decoding: Row.self).map(stored)
    }

    public func loan(applicationID: Int64) async throws -> Stored? {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans WHERE application_id = ") + "\(bind: applicationID)")
            .first(decoding: Row.self).map(stored)
    }

    /// An institution's loans; `overdueOnly` keeps those with overdue days.
    public func loans(institutionID: Int64, overdueOnly: Bool = false) async throws -> [Stored] {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans WHERE institution_id = ")
            + "\(bind: institutionID)" + (overdueOnly ? " AND overdue_days > 0" : "") + " ORDER BY id DESC")
            .all(decoding: Row.self).map(stored)
    }

    public func loans(uscc: String) async throws -> [Stored] {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans WHERE uscc = ") + "\(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self).map(stored)
    }

    /// Whether the firm has a loan or a revolving line that is overdue and not settled.
    public func hasOverdueLoans(uscc: String) async throws -> Bool {
        struct R: Decodable { let id: Int64 }
        return try await database.sql().raw("""
            SELECT id FROM loans WHERE uscc = \(bind: uscc) AND overdue_days > 0 AND settled = 0
            UNION ALL SELECT id FROM credit_lines WHERE uscc = \(bind: uscc) AND overdue_days > 0 AND settled = 0
            """).first(decoding: R.self) != nil
    }

    /// `hasOverdueLoans` as `QuickReads` runs it (the firm's USCC bound once, as ?1, for both tables).
    static let overdueQuery = """
        SELECT id FROM loans WHERE uscc = ?1 AND overdue_days > 0 AND settled = 0
        UNION ALL SELECT id FROM credit_lines WHERE uscc = ?1 AND overdue_days > 0 AND settled = 0 LIMIT 1
        """

    /// Every loan, oldest first (for training models on the platform's own outcomes).
    public func allLoans() async throws -> [Stored] {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.columns) FROM loans ORDER BY id")).all(decoding: Row.self).map(stored)
    }

    /// One stored repayment row, as the log audit reads it.
    public struct RepaymentRow: Decodable, Sendable {
        public var id: Int64
        public var loan_id: Int64
        public var paid_on: String
        public var amount: Int64
        public var reported_by: String
        public var created_at: Int64
    }

    /// Every repayment row, in id order, a page at a time (the log audit).
    public func eachRepayment(pageSize: Int, _ body: (RepaymentRow) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await database.sql().raw("""
                SELECT id, loan_id, paid_on, amount, reported_by, created_at FROM repayments
                WHERE id > \(bind: after) ORDER BY id LIMIT \(bind: pageSize)
                """).all(decoding: RepaymentRow.self)
            guard let last = rows.last else { return }
            after = last.id
            for row in rows { try body(row) }
        }
    }

    /// Ids of loans not yet settled, for the daily reclassification.
    public func openLoanIDs() async throws -> [Int64] {
        struct R: Decodable { let id: Int64 }
        return try await database.sql().raw("SELECT id FROM loans WHERE settled = 0 ORDER BY id").all(decoding: R.self).map(\.id)
    }

    /// Records a repayment and reclassifies the loan, atomically.
    @discardableResult
    public func recordRepayment(loanID: Int64, _ repayment: Repayment, reportedBy: String, asOf day: Day,
                                thresholds: ClassificationThresholds) async throws -> Stored {
        try await database.write { unit in
            try await Self.recordRepayment(loanID: loanID, repayment, reportedBy: reportedBy, asOf: day, thresholds: thresholds,
                                           in: unit)
        }
    }

    /// Records a repayment and reclassifies the loan inside the caller's unit of work.
    public static func recordRepayment(loanID: Int64, _ repayment: Repayment, reportedBy: String, asOf day: Day,
                                       thresholds: ClassificationThresholds, in unit: UnitOfWork) async throws -> Stored {
        do {
            let tx = unit.database
            let store = LoanStore(database: tx)
            // Write first, so the loan read below cannot go stale before it is saved (see ApplicationStore.apply).
            try await tx.sql().raw("UPDATE loans SET updated_at = updated_at WHERE id = \(bind: loanID)").run()
            guard var loan = try await store.loan(id: loanID) else { throw DomainError.notFound("该贷款") }
            try loan.ledger.record(repayment)
            var row = RepaymentRow(id: 0, loan_id: loanID, paid_on: repayment.day.description, amount: repayment.amount.value,
                                   reported_by: reportedBy, created_at: epochMillis())
            guard let inserted = try await tx.sql().raw("""
                INSERT INTO repayments (loan_id, paid_on, amount, reported_by, created_at)
                VALUES (\(bind: row.loan_id), \(bind: row.paid_on), \(bind: row.amount), \(bind: row.reported_by), \(bind: row.created_at))
                RETURNING id
                """).first() else { throw DomainError.conflict("还款记录未能保存") }
            row.id = try inserted.decode(column: "id", as: Int64.self)
            let saved = try await store.save(&loan, asOf: day, thresholds: thresholds)
            // The entry names the row and fixes its columns, so `xyd log verify` can check the row itself.
            unit.log(try LogEvents.loanStatus(loanID: loanID, lender: saved.institutionID, status: "repayment", report: saved,
                                              by: reportedBy, rows: ["repayment": String(row.id), "rowDigest": LogEvents.repaymentDigest(row)]))
            return saved
        }
    }

    /// The institution reports the loan's class (at least what its overdue days imply); it stays the floor
    /// until another report, and the loan is reclassified at once.
    @discardableResult
    public func reportClass(loanID: Int64, _ reported: LoanClass, reportedBy: String, asOf day: Day,
                            thresholds: ClassificationThresholds) async throws -> Stored {
        try await database.write { unit in
            let tx = unit.database
            try await tx.sql().raw("UPDATE loans SET updated_at = updated_at WHERE id = \(bind: loanID)").run()
            let store = LoanStore(database: tx)
            guard var loan = try await store.loan(id: loanID) else { throw DomainError.notFound("该贷款") }
            loan.reportedClass = reported
            let saved = try await store.save(&loan, asOf: day, thresholds: thresholds)
            unit.log(try LogEvents.loanStatus(loanID: loanID, lender: saved.institutionID, status: "classification", report: saved,
                                          by: reportedBy))
            return saved
        }
    }

    /// Recomputes classification, overdue days and outstanding principal as of `day` and saves the loan.
    @discardableResult
    public func reclassify(loanID: Int64, asOf day: Day, thresholds: ClassificationThresholds) async throws -> Stored? {
        try await database.write { unit in
            let store = LoanStore(database: unit.database)
            guard var loan = try await store.loan(id: loanID) else { return nil }
            return try await store.save(&loan, asOf: day, thresholds: thresholds)
        }
    }

    func save(_ loan: inout Stored, asOf day: Day, thresholds: ClassificationThresholds) async throws -> Stored {
        let position = loan.ledger.position(asOf: day)
        let computed = thresholds.classify(overdueDays: position.overdueDays, atLeast: loan.reportedClass ?? .normal)
        loan.classification = computed
        loan.overdueDays = position.overdueDays
        loan.outstanding = position.outstandingPrincipal
        loan.settled = position.isSettled
        let detail = Detail(applicationID: loan.applicationID, institutionID: loan.institutionID, uscc: loan.uscc,
                            firmName: loan.firmName, productName: loan.productName, ledger: loan.ledger,
                            reportedClass: loan.reportedClass, coupon: loan.coupon)
        try await database.sql().raw("""
            UPDATE loans SET detail = \(bind: try DetailCoding.encode(detail)), classification = \(bind: computed.rawValue),
              overdue_days = \(bind: loan.overdueDays), outstanding = \(bind: loan.outstanding.value),
              settled = \(bind: loan.settled ? 1 : 0), updated_at = \(bind: epochMillis())
            WHERE id = \(bind: loan.id)
            """).run()
        return loan
    }
}
