import Domain
import FluentKit
import Foundation
import SQLKit

/// Reads the statistics' facts from the platform's own tables: the one implementation every figure comes from. Each
/// fact is returned as its own entity (a firm, an application, a loan …) with the firm it is counted under, so that
/// an entity whose rows changed can be re-counted alone (`StatRefresh`). Rules of reading, stated once:
/// - a firm counts as registered from its first active enterprise account, under the district of the registry on
///   each day (`firm_districts` keeps the moves); standings (授权, 承诺, 失信名单) count for registered firms;
/// - data collection: every department is expected to send each of its datasets each month (from the month the
///   department was created); a batch received on day d is data of the month before d, due on the 10th of d's month;
/// - a demand is satisfied when the institution that took it disbursed a loan to the firm on or after publication;
/// - an approved application is a credit line granted (授信) of the approved amount on the day of the approval;
/// - a fund claim asks, and a payment pays, the fund's own share of the loss (under a split scheme the other parties'
///   shares are not the fund's money);
/// - a loan's changes come from its ledger (`StatLoanHistory`), with repayments counted when reported;
/// - a loan is a renewal without repayment when it follows the same lender's loan within 30 days of its maturity while
///   that loan still has principal outstanding (`isRenewal`);
/// - a revolving line's opening is a credit line granted of its limit, each draw a loan (`StatLineHistory`); a firm's
///   first loan (首贷) is its earliest loan or draw (a loan first on the same day).
public struct StatFactsReader: Sendable {
    let database: any Database
    let thresholds: ClassificationThresholds
    let today: Day

    public init(database: any Database, thresholds: ClassificationThresholds, today: Day) {
        self.database = database; self.thresholds = thresholds; self.today = today
    }

    /// Which entities to read: all, or those whose rows changed at or after `since` (epoch milliseconds), with every
    /// open loan and every firm as well when `daily` (a loan ages and an authorisation expires without any write).
    public enum Scope: Sendable {
        case all
        case changedSince(Int64, daily: Bool)
    }

    /// Entity key → the facts of that entity alone.
    public func read(_ scope: Scope) async throws -> [String: StatFacts] {
        let sql = try database.sql()
        let since: Int64? = if case .changedSince(let ms, _) = scope { ms } else { nil }
        let daily: Bool = if case .changedSince(_, let d) = scope { d } else { true }
        var result: [String: StatFacts] = [:]

        let firms = try await readFirms(sql)
        func firm(_ uscc: String) -> [StatFirm] { firms[uscc].map { [$0.withoutStandings] } ?? [] }

        // Firms: registration, moves and standings.
        var touchedFirms: Set<String>?
        if let since { touchedFirms = try await touchedFirmIDs(sql, since: since) }
        for (uscc, f) in firms where daily || touchedFirms?.contains(uscc) ?? true {
            result["firm:\(uscc)"] = StatFacts(firms: [f])
        }

        // Institutions and products (few: always read whole).
        struct Inst: Decodable { let id: Int64; let created_at: Int64 }
        for row in try await sql.raw("SELECT id, created_at FROM institutions").all(decoding: Inst.self) {
            result["inst:\(row.id)"] = StatFacts(institutions: [StatInstitution(id: String(row.id),
                                                                                 online: [OnlineSpell(from: Self.day(row.created_at))])])
        }
        struct Prod: Decodable { let id: Int64; let institution_id: Int64; let status: String; let created_at: Int64; let updated_at: Int64 }
        for row in try await sql.raw("SELECT id, institution_id, status, created_at, updated_at FROM products").all(decoding: Prod.self) {
            let spells: [OnlineSpell] = switch ProductStatus(rawValue: row.status) {
            case .online?: [OnlineSpell(from: Self.day(row.updated_at))]
            case .offline?: Self.day(row.created_at) < Self.day(row.updated_at)
                ? [OnlineSpell(from: Self.day(row.created_at), until: Self.day(row.updated_at))] : []
            default: []
            }
            result["product:\(row.id)"] = StatFacts(products: [StatProduct(id: String(row.id), institution: String(row.institution_id),
                                                                          online: spells)])
        }

        // Data collection: expectations by department and month, batches as received.
        struct Dept: Decodable { let id: Int64; let code: String; let datasets: String; let created_at: Int64 }
        let departments = try await sql.raw("SELECT id, code, datasets, created_at FROM departments").all(decoding: Dept.self)
        var departmentCode: [Int64: String] = [:]
        for d in departments {
            departmentCode[d.id] = d.code
            let datasets = d.datasets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !datasets.isEmpty else { continue }
            var month = StatMonth(Self.day(d.created_at))
            while month <= StatMonth(today) {
                let expectations = datasets.map {
                    StatExpectation(key: Self.expectationKey(d.code, $0, month), department: d.code, month: month,
                                    dueOn: Self.collectionDueDay(month))
                }
                result["expect:\(d.code):\(month)"] = StatFacts(expectations: expectations)
                month = month.adding(months: 1)
            }
        }
        struct Batch: Decodable { let id: Int64; let dataset: String; let department_id: Int64?; let submitted: Int64; let rejected: Int64; let finished_at: Int64 }
        for b in try await sql.raw("""
            SELECT id, dataset, department_id, submitted, rejected, finished_at FROM batches
            WHERE finished_at >= \(bind: since ?? 0)
            """).all(decoding: Batch.self) {
            guard let code = b.department_id.flatMap({ departmentCode[$0] }) else { continue }
            let received = Self.day(b.finished_at)
            let month = Self.collectionMonth(received: received)
            result["batch:\(b.id)"] = StatFacts(batches: [StatBatch(
                expectation: Self.expectationKey(code, b.dataset, month), department: code, month: month,
                dueOn: Self.collectionDueDay(month), receivedOn: received, records: b.submitted, rejected: b.rejected)])
        }

        // Loans (with the demands they satisfy and the firms' first loans).
        let loans = try await readLoans(sql)
        var changedLoans: Set<Int64>?
        if let ms = since {
            struct R: Decodable { let id: Int64 }
            let rows = try await sql.raw(daily ? "SELECT id FROM loans WHERE updated_at >= \(bind: ms) OR settled = 0"
                                               : "SELECT id FROM loans WHERE updated_at >= \(bind: ms)").all(decoding: R.self)
            changedLoans = Set(rows.map(\.id))
        }
        let repayments = try await readRepayments(sql, loans: changedLoans)
        let loansByFirm = Dictionary(grouping: loans, by: \.uscc)
        let lines = try await CreditLineStore(database: database).allLines()
        // Each firm's first borrowing: (day, 0 for a loan / 1 for a draw, id).
        var firstBorrowing: [String: (day: Day, rank: Int, id: Int64)] = [:]
        func consider(_ uscc: String, _ candidate: (day: Day, rank: Int, id: Int64)) {
            if let known = firstBorrowing[uscc], (known.day, known.rank, known.id) <= (candidate.day, candidate.rank, candidate.id) { return }
            firstBorrowing[uscc] = candidate
        }
        for loan in loans { consider(loan.uscc, (loan.start, 0, loan.id)) }
        for stored in lines {
            if let draw = stored.line.ledger.entries.first(where: { $0.kind == .draw }) { consider(stored.line.uscc, (draw.day, 1, draw.id)) }
        }
        let firstLoan = firstBorrowing.compactMapValues { $0.rank == 0 ? ($0.day, $0.id) : nil }
        for loan in loans where changedLoans?.contains(loan.id) ?? true {
            let reported = repayments[loan.id] ?? []
            let changes = StatLoanHistory.changes(schedule: loan.ledger.schedule, repayments: reported, thresholds: thresholds,
                                                  floor: loan.reportedClass, through: today)
            let isFirst = firstLoan[loan.uscc].map { $0.1 == loan.id } ?? false
            let isRenewal = Self.isRenewal(loan, among: loansByFirm[loan.uscc] ?? [])
            result["loan:\(loan.id)"] = StatFacts(firms: firm(loan.uscc), loans: [StatLoan(
                id: String(loan.id), firm: loan.uscc, institution: String(loan.institutionID), product: loan.productID.map(String.init),
                disbursedOn: loan.start, amount: loan.ledger.schedule.principal, rate: loan.ledger.schedule.rate.basisPoints,
                isCreditLoan: loan.isCreditLoan, isFirstLoan: isFirst, isRenewal: isRenewal, changes: changes)])
        }

        // Revolving lines: the opening a credit line granted, each draw a loan.
        var changedLines: Set<Int64>?
        if let ms = since {
            struct R: Decodable { let id: Int64 }
            let rows = try await sql.raw(daily ? "SELECT id FROM credit_lines WHERE updated_at >= \(bind: ms) OR settled = 0"
                                               : "SELECT id FROM credit_lines WHERE updated_at >= \(bind: ms)").all(decoding: R.self)
            changedLines = Set(rows.map(\.id))
        }
        if !lines.isEmpty {
            struct P: Decodable { let id: Int64; let type: String }
            let types = Dictionary(try await sql.raw("SELECT id, type FROM products").all(decoding: P.self).map { ($0.id, $0.type) },
                                   uniquingKeysWith: { a, _ in a })
            for stored in lines where changedLines?.contains(stored.line.id) ?? true {
                let line = stored.line
                let first = firstBorrowing[line.uscc].flatMap { $0.rank == 1 ? $0.id : nil }
                let draws = StatLineHistory.draws(line, isCreditLoan: types[line.productID] == ProductType.pureCredit.rawValue, firstDraw: first,
                                                  thresholds: thresholds, through: today)
                result["line:\(line.id)"] = StatFacts(firms: firm(line.uscc), creditLines: [StatCreditLine(
                    firm: line.uscc, institution: String(line.institutionID), product: String(line.productID),
                    grantedOn: line.ledger.openedOn, amount: line.ledger.limit)], loans: draws)
            }
        }

        // Demands: published, taken, satisfied by the taker's loan.
        struct Demand: Decodable { let id: Int64; let uscc: String; let detail: String; let taken_by: Int64?; let created_at: Int64 }
        let changedFirmsByLoans = Set(loans.filter { changedLoans?.contains($0.id) ?? true }.map(\.uscc))
        // The takers' follow-up steps (after the take), oldest first.
        struct Step: Decodable { let demand_id: Int64; let step: String; let created_at: Int64 }
        let steps = Dictionary(grouping: try await sql.raw("""
            SELECT demand_id, step, created_at FROM demand_follow_ups WHERE step <> 'taken' ORDER BY id
            """).all(decoding: Step.self), by: \.demand_id)
        for d in try await sql.raw("SELECT id, uscc, detail, taken_by, created_at FROM demands").all(decoding: Demand.self) {
            let demand = try DetailCoding.decode(FinancingDemand.self, d.detail)
            let takenAt = demand.takenAt.map(epochMillis) ?? 0, endedAt = demand.endedAt.map(epochMillis) ?? 0
            let followUps = steps[d.id] ?? []
            let lastStep = followUps.last?.created_at ?? 0
            guard since == nil || max(d.created_at, takenAt, endedAt, lastStep) >= since ?? 0 || changedFirmsByLoans.contains(d.uscc)
            else { continue }
            func day(_ millis: Int64) -> Day { Day(Date(timeIntervalSince1970: Double(millis) / 1000)) }
            let published = Day(demand.publishedAt)
            var satisfied: Cents?
            if let taker = d.taken_by {
                satisfied = loansByFirm[d.uscc]?.filter { $0.institutionID == taker && $0.start >= published }
                    .min { $0.start < $1.start }.map { $0.ledger.schedule.principal }
            }
            result["demand:\(d.id)"] = StatFacts(firms: firm(d.uscc), demands: [StatDemand(
                id: String(d.id), firm: d.uscc, publishedOn: published, amount: Cents(demand.amountCents),
                institution: d.taken_by.map(String.init), product: demand.productID, takenOn: demand.takenAt.map(Day.init),
                satisfiedAmount: satisfied, followedUpOn: followUps.first.map { day($0.created_at) },
                convertedOn: followUps.first { $0.step == "applied" }.map { day($0.created_at) },
                declinedOn: followUps.first { $0.step == "declined" }.map { day($0.created_at) })])
        }

        // Applications: filed, decided (automatic when the system decided), disbursed.
        struct App: Decodable { let id: Int64; let detail: String; let updated_at: Int64 }
        let disbursedOn = Dictionary(loans.map { ($0.applicationID, $0.start) }, uniquingKeysWith: { a, _ in a })
        let decisions = try await readDecisions(sql)
        for a in try await sql.raw("SELECT id, detail, updated_at FROM applications WHERE updated_at >= \(bind: since ?? 0)")
            .all(decoding: App.self) {
            let stored = try DetailCoding.decode(ApplicationStore.Stored.self, a.detail)
            // An approval is a credit line granted (授信) of the approved amount, on the day of the decision.
            var lines: [StatCreditLine] = []
            if let decision = decisions[a.id], decision.approved, let terms = stored.state.terms {
                lines = [StatCreditLine(firm: stored.uscc, institution: String(stored.institutionID), product: String(stored.productID),
                                        grantedOn: decision.day, amount: terms.amount)]
            }
            result["app:\(a.id)"] = StatFacts(firms: firm(stored.uscc), applications: [StatApplication(
                id: String(a.id), firm: stored.uscc, institution: String(stored.institutionID), product: String(stored.productID),
                appliedOn: Day(stored.createdAt), decision: decisions[a.id].map {
                    StatApplication.Decision(approved: $0.approved, automatic: stored.state.decidedBy.map { if case .system = $0 { true } else { false } } ?? false,
                                             on: $0.day)
                }, disbursedOn: disbursedOn[a.id])], creditLines: lines)
        }

        // Recommendation pushes.
        struct Push: Decodable { let id: Int64; let detail: String }
        for p in try await sql.raw("SELECT id, detail FROM recommendation_pushes WHERE updated_at >= \(bind: since ?? 0)")
            .all(decoding: Push.self) {
            let push = try DetailCoding.decode(RecommendationPush.self, p.detail)
            let contacted = push.steps.first { $0.status == .contacted }.map { Day($0.at) }
            result["push:\(p.id)"] = StatFacts(firms: firm(push.uscc), pushes: [StatPush(
                id: String(p.id), firm: push.uscc, institution: String(push.institutionID), pushedOn: push.pushedOn,
                contactedOn: contacted, decidedOn: push.status.isDecided ? push.decidedOn : nil)])
        }

        // Alerts: raised, handled when the institution closed them.
        struct Alert: Decodable { let id: Int64; let uscc: String; let institution_id: Int64; let status: String; let level: String
            let opened_on: String; let updated_at: Int64 }
        for a in try await sql.raw("""
            SELECT id, uscc, institution_id, status, level, opened_on, updated_at FROM risk_alerts WHERE updated_at >= \(bind: since ?? 0)
            """).all(decoding: Alert.self) {
            guard let level = WarningLevel(rawValue: a.level), let opened = Day(iso: a.opened_on) else { continue }
            let handled: Day? = ["handled", "dismissed"].contains(a.status) ? Self.day(a.updated_at) : nil
            result["alert:\(a.id)"] = StatFacts(firms: firm(a.uscc), alerts: [StatAlert(
                id: String(a.id), firm: a.uscc, institution: String(a.institution_id), raisedOn: opened, level: level, handledOn: handled)])
        }

        // Fund claims: filed, paid.
        struct Claim: Decodable { let id: Int64; let detail: String }
        let loanFirm = Dictionary(loans.map { (String($0.id), ($0.uscc, $0.productID)) }, uniquingKeysWith: { a, _ in a })
        for c in try await sql.raw("SELECT id, detail FROM fund_claims WHERE updated_at >= \(bind: since ?? 0)").all(decoding: Claim.self) {
            guard let record = try? DetailCoding.decode(FundClaimRecord.self, c.detail), let (uscc, product) = loanFirm[record.loanId] else { continue }
            let paidOn = record.status == .paid ? record.claim.steps.last { $0.to == .paid }?.on : nil
            result["claim:\(c.id)"] = StatFacts(firms: firm(uscc), claims: [StatClaim(
                id: String(c.id), firm: uscc, institution: record.institutionId, product: product.map(String.init),
                filedOn: record.claim.filedOn, claimed: record.computation.fundShare, paidOn: paidOn,
                paid: paidOn == nil ? .zero : record.computation.fundShare)])
        }
        return result
    }

    // MARK: Rules of reading

    /// A renewal without repayment (无还本续贷): the same lender lends the firm again within 30 days of an earlier loan's
    /// maturity, while that loan still has principal outstanding (the new loan takes it over instead of the firm repaying
    /// first).
    static func isRenewal(_ loan: LoanFacts, among others: [LoanFacts]) -> Bool {
        others.contains { earlier in
            guard earlier.id != loan.id, earlier.institutionID == loan.institutionID, earlier.start < loan.start else { return false }
            let maturity = earlier.ledger.schedule.maturity
            guard abs(maturity.days(until: loan.start)) <= 30 else { return false }
            return earlier.ledger.position(asOf: loan.start).outstandingPrincipal.isPositive
        }
    }

    static func day(_ millis: Int64) -> Day { Day(Date(timeIntervalSince1970: Double(millis) / 1000)) }

    static func expectationKey(_ department: String, _ dataset: String, _ month: StatMonth) -> String {
        "\(department)|\(dataset)|\(month)"
    }

    /// A batch received on `received` is data of the month before.
    static func collectionMonth(received: Day) -> StatMonth { StatMonth(received).adding(months: -1) }

    /// Data of `month` is due on the 10th of the month after.
    static func collectionDueDay(_ month: StatMonth) -> Day {
        let next = month.adding(months: 1)
        return Day(year: next.year, month: next.month, day: 10)
    }

    // MARK: Reads

    private func readFirms(_ sql: any SQLDatabase) async throws -> [String: StatFirm] {
        struct User: Decodable { let uscc: String; let created_at: Int64 }
        let users = try await sql.raw("""
            SELECT uscc, MIN(created_at) AS created_at FROM users
            WHERE role = 'enterprise' AND status = 'active' AND uscc IS NOT NULL GROUP BY uscc
            """).all(decoding: User.self)
        guard !users.isEmpty else { return [:] }
        struct Ent: Decodable { let uscc: String; let industry: String; let district: String; let scale: String }
        let enterprises = Dictionary(try await sql.raw("SELECT uscc, industry, district, scale FROM enterprises").all(decoding: Ent.self)
            .map { ($0.uscc, $0) }, uniquingKeysWith: { a, _ in a })
        struct Move: Decodable { let uscc: String; let from_day: String; let district: String }
        let moves = Dictionary(grouping: try await sql.raw("SELECT uscc, from_day, district FROM firm_districts ORDER BY uscc, from_day")
            .all(decoding: Move.self), by: \.uscc)
        var standings: [String: [StandingSpell]] = [:]
        struct Auth: Decodable { let uscc: String; let valid_until: String; let revoked_at: Int64?; let created_at: Int64 }
        for a in try await sql.raw("SELECT uscc, valid_until, revoked_at, created_at FROM authorisations").all(decoding: Auth.self) {
            let from = Self.day(a.created_at)
            var until = Day(iso: a.valid_until).map { $0.adding(days: 1) }
            if let revoked = a.revoked_at.map(Self.day) { until = min(until ?? revoked, revoked) }
            if let u = until, u <= from { continue }
            standings[a.uscc, default: []].append(StandingSpell(.authorised, from: from, until: until.flatMap { $0 <= today ? $0 : nil }))
        }
        struct Commitment: Decodable { let uscc: String; let signed_at: Int64; let invalidated_at: Int64? }
        for c in try await sql.raw("SELECT uscc, signed_at, invalidated_at FROM commitments").all(decoding: Commitment.self) {
            let from = Self.day(c.signed_at), until = c.invalidated_at.map(Self.day)
            if let u = until, u <= from { continue }
            standings[c.uscc, default: []].append(StandingSpell(.committed, from: from, until: until))
        }
        struct Listing: Decodable { let uscc: String; let detail: String }
        for l in try await sql.raw("SELECT uscc, detail FROM listings").all(decoding: Listing.self) {
            guard let entry = try? DetailCoding.decode(ListingEntry.self, l.detail), let from = entry.listedOn else { continue }
            if let u = entry.removedOn, u <= from { continue }
            standings[l.uscc, default: []].append(StandingSpell(.listed, from: from, until: entry.removedOn))
        }
        var firms: [String: StatFirm] = [:]
        for user in users {
            let registered = Self.day(user.created_at)
            let e = enterprises[user.uscc]
            var districts = (moves[user.uscc] ?? []).compactMap { m in Day(iso: m.from_day).map { DistrictSpell(from: $0, district: m.district) } }
            if districts.isEmpty || districts[0].from > registered {
                // Before the first recorded move the firm was where the registry's first known district puts it.
                districts.insert(DistrictSpell(from: registered, district: districts.first?.district ?? e?.district ?? ""), at: 0)
            }
            firms[user.uscc] = StatFirm(id: user.uscc, industry: e?.industry, size: e?.scale, registeredOn: registered,
                                        districts: Self.merged(districts), standings: Self.merged(standings[user.uscc] ?? []))
        }
        return firms
    }

    /// Spells of one standing that overlap are one spell (two authorisations at once count the firm once).
    static func merged(_ spells: [StandingSpell]) -> [StandingSpell] {
        var result: [StandingSpell] = []
        for standing in FirmStanding.allCases {
            var current: StandingSpell?
            for spell in spells.filter({ $0.standing == standing }).sorted(by: { $0.from < $1.from }) {
                if var c = current, c.until.map({ spell.from <= $0 }) ?? true {
                    c.until = (c.until == nil || spell.until == nil) ? nil : max(c.until ?? spell.from, spell.until ?? spell.from)
                    current = c
                } else {
                    if let c = current { result.append(c) }
                    current = spell
                }
            }
            if let c = current { result.append(c) }
        }
        return result
    }

    /// District spells in day order with repeats of the same district removed.
    static func merged(_ spells: [DistrictSpell]) -> [DistrictSpell] {
        var result: [DistrictSpell] = []
        for spell in spells.sorted(by: { $0.from < $1.from }) {
            if let last = result.last, last.from == spell.from { result[result.count - 1] = spell; continue }
            if result.last?.district != spell.district { result.append(spell) }
        }
        return result
    }

    private func touchedFirmIDs(_ sql: any SQLDatabase, since: Int64) async throws -> Set<String> {
        struct R: Decodable { let uscc: String? }
        let rows = try await sql.raw("""
            SELECT uscc FROM users WHERE role = 'enterprise' AND created_at >= \(bind: since)
            UNION SELECT uscc FROM authorisations WHERE created_at >= \(bind: since) OR revoked_at >= \(bind: since)
            UNION SELECT uscc FROM commitments WHERE signed_at >= \(bind: since) OR invalidated_at >= \(bind: since)
            UNION SELECT uscc FROM listings WHERE updated_at >= \(bind: since)
            UNION SELECT uscc FROM enterprises WHERE updated_at >= \(bind: since)
            """).all(decoding: R.self)
        return Set(rows.compactMap(\.uscc))
    }

    struct LoanFacts {
        var id: Int64; var applicationID: Int64; var institutionID: Int64; var uscc: String; var productID: Int64?
        var ledger: LoanLedger; var reportedClass: LoanClass?; var isCreditLoan: Bool
        var start: Day { ledger.schedule.start }
    }

    private func readLoans(_ sql: any SQLDatabase) async throws -> [LoanFacts] {
        struct Row: Decodable { let id: Int64; let detail: String; let product_id: Int64?; let type: String? }
        let rows = try await sql.raw("""
            SELECT l.id, l.detail, a.product_id, p.type FROM loans l
            LEFT JOIN applications a ON a.id = l.application_id LEFT JOIN products p ON p.id = a.product_id
            """).all(decoding: Row.self)
        return try rows.map { row in
            let d = try DetailCoding.decode(LoanStore.Detail.self, row.detail)
            return LoanFacts(id: row.id, applicationID: d.applicationID, institutionID: d.institutionID, uscc: d.uscc,
                             productID: row.product_id, ledger: d.ledger, reportedClass: d.reportedClass,
                             isCreditLoan: row.type == ProductType.pureCredit.rawValue)
        }
    }

    private func readRepayments(_ sql: any SQLDatabase, loans: Set<Int64>?) async throws -> [Int64: [StatLoanHistory.ReportedRepayment]] {
        struct Row: Decodable { let loan_id: Int64; let paid_on: String; let amount: Int64; let created_at: Int64 }
        var rows: [Row] = []
        if let loans, loans.count <= 5_000 {
            // A refresh of a few changed loans reads only their repayments.
            let ids = loans.sorted()
            for start in stride(from: 0, to: ids.count, by: 500) {
                rows += try await sql.select().columns("loan_id", "paid_on", "amount", "created_at").from("repayments")
                    .where("loan_id", .in, Array(ids[start..<min(start + 500, ids.count)])).all(decoding: Row.self)
            }
        } else {
            rows = try await sql.raw("SELECT loan_id, paid_on, amount, created_at FROM repayments").all(decoding: Row.self)
        }
        var result: [Int64: [StatLoanHistory.ReportedRepayment]] = [:]
        for row in rows where loans?.contains(row.loan_id) ?? true {
            guard let paid = Day(iso: row.paid_on) else { continue }
            result[row.loan_id, default: []].append(.init(Repayment(day: paid, amount: Cents(row.amount)), reportedOn: Self.day(row.created_at)))
        }
        return result
    }

    private func readDecisions(_ sql: any SQLDatabase) async throws -> [Int64: (approved: Bool, day: Day)] {
        struct Row: Decodable { let application_id: Int64; let at: Int64; let to_status: String }
        var result: [Int64: (approved: Bool, day: Day)] = [:]
        // The steps keep the statuses' Chinese labels.
        let approved = ApplicationStatus.approved.label, rejected = ApplicationStatus.rejected.label
        for row in try await sql.raw("""
            SELECT application_id, at, to_status FROM application_events WHERE to_status IN (\(bind: approved), \(bind: rejected)) ORDER BY id
            """).all(decoding: Row.self) where result[row.application_id] == nil {
            result[row.application_id] = (row.to_status == approved, Self.day(row.at))
        }
        return result
    }
}

extension StatFirm {
    /// The firm as the other entities need it: where it was, not what it held.
    var withoutStandings: StatFirm {
        var copy = self
        copy.standings = []
        return copy
    }
}
