import Domain
import Foundation
import Persistence

/// A fund's figures: its ledger and statements, the covered book, claims by state, payout and recovery rates,
/// leverage, per institution; the daily stop-line check; the audit export.
public enum FundBooks {
    public static func requireFundSide(_ principal: Principal) throws {
        guard FundDuties.isFundSide(principal) else { throw DomainError.forbidden("基金账目仅限基金管理部门查看") }
    }

    public static func dashboard(_ context: ServiceContext, _ principal: Principal, scheme: String) async throws -> FundDashboard {
        try requireFundSide(principal)
        let programme = try await FundProgrammes.programme(context, scheme)
        let ledger = try await context.fundJournal.ledger(scheme: scheme)
        let book = try await context.fundStore.coveredBook(scheme: scheme)
        let claims = try await context.fundClaimStore.claims(scheme: scheme)
        let pauses = try await context.fundStore.pauses(scheme: scheme)
        let names = Dictionary(try await context.accounts.institutions().map { (String($0.id), $0.name) }, uniquingKeysWith: { a, _ in a })
        let loans = try await loanPositions(context, ids: book.map(\.loanId))

        var rows: [String: FundDashboard.InstitutionRow] = [:]
        func row(_ id: String) -> FundDashboard.InstitutionRow {
            rows[id] ?? FundDashboard.InstitutionRow(institutionId: id, name: names[id] ?? id, pause: pauses[id]?.state ?? FundPauseState())
        }
        var outstanding = Cents.zero
        for r in book {
            var x = row(r.institutionId)
            x.coveredLoans += 1; x.coveredAmount = x.coveredAmount + r.amount
            if let loan = loans[r.loanId] {
                x.outstanding = x.outstanding + loan.outstanding
                if loan.overdueDays > 0 { x.overdue = x.overdue + loan.outstanding }
                outstanding = outstanding + loan.outstanding
            }
            rows[r.institutionId] = x
        }
        var approved = Cents.zero, paid = Cents.zero, recovered = Cents.zero
        for c in claims {
            var x = row(c.institutionId)
            x.claims += 1
            if c.countsAgainstCaps { approved = approved + c.computation.fundShare }
            if c.status == .paid { paid = paid + c.computation.fundShare; x.paid = x.paid + c.computation.fundShare }
            recovered = recovered + c.recoveredToFund; x.recovered = x.recovered + c.recoveredToFund
            rows[c.institutionId] = x
        }
        let counts = Dictionary(grouping: claims, by: \.status).mapValues(\.count)
        let payable = ledger.trialBalance().filter { if case .compensationPayable = $0.account { true } else { false } }
            .reduce(Cents.zero) { $0 - $1.balance }
        return FundDashboard(programme: programme, cash: ledger.cash(), payable: payable, coveredLoans: book.count,
                             coveredAmount: book.reduce(Cents.zero) { $0 + $1.amount }, outstanding: outstanding,
                             claimsByStatus: FundClaimStatus.allCases.map { .init(status: $0, count: counts[$0] ?? 0) },
                             approved: approved, paid: paid, recovered: recovered,
                             institutions: rows.values.sorted { $0.institutionId < $1.institutionId }, ledger: ledger)
    }

    /// What a covered loan or line owes now, by registration key: outstanding principal, overdue days, class, and its
    /// term and rate (a line's term runs from its opening to its maturity).
    struct Position {
        var outstanding: Cents; var overdueDays: Int; var classification: LoanClass; var settled: Bool
        var termMonths: Int; var rate: AnnualRate
    }

    static func loanPositions(_ context: ServiceContext, ids: [String]) async throws -> [String: Position] {
        let wanted = Set(ids)
        guard !wanted.isEmpty else { return [:] }
        var out: [String: Position] = [:]
        for loan in try await context.loanStore.allLoans() where wanted.contains(String(loan.id)) {
            out[String(loan.id)] = Position(outstanding: loan.outstanding, overdueDays: loan.overdueDays, classification: loan.classification,
                                            settled: loan.settled, termMonths: loan.ledger.schedule.termMonths, rate: loan.ledger.schedule.rate)
        }
        for key in wanted {
            guard case .line(let id) = FundBorrowing(key: key), let line = try await context.creditLineStore.line(id: id) else { continue }
            out[key] = Position(outstanding: line.outstanding, overdueDays: line.overdueDays, classification: line.classification,
                                settled: line.settled, termMonths: line.line.ledger.termMonths, rate: line.line.ledger.rate)
        }
        return out
    }

    /// An institution's statement of a fund (its own, or any for the fund side).
    public static func statement(_ context: ServiceContext, _ principal: Principal, scheme: String, institutionId: String,
                                 year: Int?) async throws -> FundInstitutionStatement {
        if principal.role.isInstitution {
            guard String(try principal.requireInstitution().id) == institutionId else { throw DomainError.notFound("该机构的对账单") }
        } else {
            try requireFundSide(principal)
        }
        _ = try await FundProgrammes.programme(context, scheme)
        return try await context.fundJournal.ledger(scheme: scheme).institutionStatement(institutionId, year: year)
    }

    /// The journal of a fund as CSV for the annual audit (seed 001 第十八条): every entry and posting, with the running
    /// cash balance; text cells that could start a formula are quoted as text.
    public static func auditCSV(_ context: ServiceContext, _ principal: Principal, scheme: String) async throws -> String {
        try requireFundSide(principal)
        let ledger = try await context.fundJournal.ledger(scheme: scheme)
        var lines = ["日期,类别,摘要,补偿申请,借方科目,贷方科目,金额（元）,专户余额（元）"]
        var cash = try FundLedger()
        for entry in ledger.entries {
            try cash.post(entry)
            for p in entry.postings {
                lines.append([entry.day.description, entry.kind.label, entry.memo, entry.claimId ?? "", p.debit.label, p.credit.label,
                              p.amount.yuanDecimalText, cash.cash().yuanDecimalText].map { CSVWriting.escape(CSVWriting.spreadsheetSafe($0)) }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The daily stop-line check: each institution's covered book against the version in force; a change is stored
    /// with the lines that decided it (and logged).
    @discardableResult
    public static func checkStopLines(_ context: ServiceContext) async throws -> Int {
        let today = context.clock.today
        var changed = 0
        for programme in try await context.fundStore.programmes() {
            guard let version = programme.scheme.version(on: today), !version.circuitBreakers.isEmpty else { continue }
            let book = try await context.fundStore.coveredBook(scheme: programme.schemeCode)
            let claims = try await context.fundClaimStore.claims(scheme: programme.schemeCode)
            let pauses = try await context.fundStore.pauses(scheme: programme.schemeCode)
            let loans = try await loanPositions(context, ids: book.map(\.loanId))
            var books: [String: FundInstitutionBook] = [:]
            for r in book {
                var b = books[r.institutionId] ?? FundInstitutionBook()
                b.registeredTotal = b.registeredTotal + r.amount
                if r.coverage?.disbursedOn.year == today.year { b.registeredThisYear = b.registeredThisYear + r.amount }
                if let loan = loans[r.loanId] {
                    b.outstanding = b.outstanding + loan.outstanding
                    if loan.overdueDays > 0 { b.overdue = b.overdue + loan.outstanding }
                }
                books[r.institutionId] = b
            }
            for c in claims where c.countsAgainstCaps {
                var b = books[c.institutionId] ?? FundInstitutionBook()
                b.compensationTotal = b.compensationTotal + c.computation.compensation
                if c.claim.filedOn.year == today.year { b.lossesThisYear = b.lossesThisYear + c.computation.principalLoss }
                books[c.institutionId] = b
            }
            for (institution, b) in books.sorted(by: { $0.key < $1.key }) {
                let current = pauses[institution]?.state ?? FundPauseState()
                let evaluation = FundCircuitBreakers.evaluate(version.circuitBreakers, book: b, current: current)
                guard evaluation.changed else { continue }
                try await context.fundStore.setPause(scheme: programme.schemeCode, institutionId: institution,
                                                     .init(state: evaluation.state, lines: evaluation.lines, since: today),
                                                     actor: "platform", at: context.clock.now())
                changed += 1
            }
        }
        return changed
    }
}
