/// An account of a fund's double-entry books.
public enum FundAccount: Sendable, Hashable, Codable {
    /// 基金专户 (asset).
    case cash
    /// 首期资金 (equity).
    case capital
    /// 财政注资 (income): the yearly share of financial-sector tax revenue, or a budget.
    case fiscalInjection
    /// 机构缴存 (income): an institution's share of its 信易贷 interest income.
    case contribution(institution: String)
    /// 利息收入 (income).
    case interestIncome
    /// 代偿支出 (expense), by institution.
    case compensationExpense(institution: String)
    /// 应付代偿款 (liability): approved, not yet paid.
    case compensationPayable(institution: String)
    /// 追偿返还 (income): recoveries shared back.
    case recoveryIncome(institution: String)

    public var label: String {
        switch self {
        case .cash: "基金专户"
        case .capital: "首期资金"
        case .fiscalInjection: "财政注资"
        case .contribution(let i): "机构缴存（\(i)）"
        case .interestIncome: "利息收入"
        case .compensationExpense(let i): "代偿支出（\(i)）"
        case .compensationPayable(let i): "应付代偿款（\(i)）"
        case .recoveryIncome(let i): "追偿返还（\(i)）"
        }
    }

    public var institution: String? {
        switch self {
        case .contribution(let i), .compensationExpense(let i), .compensationPayable(let i), .recoveryIncome(let i): i
        case .cash, .capital, .fiscalInjection, .interestIncome: nil
        }
    }
}

/// One movement: `amount` debited to `debit` and credited to `credit`. Every posting balances by construction.
public struct FundPosting: Sendable, Equatable, Codable {
    public var debit: FundAccount
    public var credit: FundAccount
    public var amount: Cents
}

/// What an entry records.
public enum FundEntryKind: String, Sendable, Equatable, Codable, CaseIterable {
    case capital, injection, contribution, interest, compensationApproved = "compensation_approved",
         compensationPaid = "compensation_paid", recovery

    public var label: String {
        switch self {
        case .capital: "首期资金"
        case .injection: "财政注资"
        case .contribution: "机构缴存"
        case .interest: "利息收入"
        case .compensationApproved: "核定代偿"
        case .compensationPaid: "拨付代偿"
        case .recovery: "追偿返还"
        }
    }
}

/// A dated entry of one or more postings (each balanced, so the entry is).
public struct FundJournalEntry: Sendable, Equatable, Codable {
    public var day: Day
    public var kind: FundEntryKind
    public var memo: String
    public var claimId: String?
    public var postings: [FundPosting]

    /// An entry of one posting; the amount must be positive.
    init(day: Day, kind: FundEntryKind, memo: String, claimId: String? = nil, debit: FundAccount, credit: FundAccount,
         amount: Cents) throws(DomainError) {
        guard amount.isPositive else { throw .invalidInput(field: "amount", reason: "记账金额必须大于零") }
        self.day = day; self.kind = kind; self.memo = memo; self.claimId = claimId
        self.postings = [FundPosting(debit: debit, credit: credit, amount: amount)]
    }

    public static func capital(_ amount: Cents, on day: Day, memo: String = "首期资金到账") throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .capital, memo: memo, debit: .cash, credit: .capital, amount: amount)
    }
    public static func injection(_ amount: Cents, on day: Day, memo: String) throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .injection, memo: memo, debit: .cash, credit: .fiscalInjection, amount: amount)
    }
    public static func contribution(_ amount: Cents, from institution: String, on day: Day, memo: String) throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .contribution, memo: memo, debit: .cash, credit: .contribution(institution: institution), amount: amount)
    }
    public static func interest(_ amount: Cents, on day: Day, memo: String = "专户利息") throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .interest, memo: memo, debit: .cash, credit: .interestIncome, amount: amount)
    }
    /// The fund's share of an approved claim becomes payable.
    public static func compensationApproved(_ amount: Cents, to institution: String, claimId: String, on day: Day) throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .compensationApproved, memo: "核定补偿 \(claimId)", claimId: claimId,
                             debit: .compensationExpense(institution: institution), credit: .compensationPayable(institution: institution),
                             amount: amount)
    }
    public static func compensationPaid(_ amount: Cents, to institution: String, claimId: String, on day: Day) throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .compensationPaid, memo: "拨付补偿 \(claimId)", claimId: claimId,
                             debit: .compensationPayable(institution: institution), credit: .cash, amount: amount)
    }
    public static func recovery(_ amount: Cents, from institution: String, claimId: String, on day: Day) throws(DomainError) -> FundJournalEntry {
        try FundJournalEntry(day: day, kind: .recovery, memo: "追偿返还 \(claimId)", claimId: claimId,
                             debit: .cash, credit: .recoveryIncome(institution: institution), amount: amount)
    }
}

/// A fund's books: the entries in date order; every balance is the sum of its entries.
public struct FundLedger: Sendable, Equatable, Codable {
    public private(set) var entries: [FundJournalEntry]

    public init(entries: [FundJournalEntry] = []) throws(DomainError) {
        self.entries = []
        for entry in entries { try post(entry) }
    }

    /// Adds an entry; entries go in date order, and payments never exceed what is payable to the institution.
    public mutating func post(_ entry: FundJournalEntry) throws(DomainError) {
        if let last = entries.last, entry.day < last.day {
            throw .invalidInput(field: "day", reason: "记账日期 \(entry.day) 早于上一笔（\(last.day)）")
        }
        for p in entry.postings where !p.amount.isPositive { throw .invalidInput(field: "amount", reason: "记账金额必须大于零") }
        if entry.kind == .compensationPaid, let p = entry.postings.first {
            let payable = Cents(-balance(of: p.debit).value)
            if p.amount > payable {
                throw .conflict("拨付\(p.amount.yuanText)超过应付代偿款\(payable.yuanText)")
            }
        }
        entries.append(entry)
    }

    /// Debits less credits of `account` over the entries on or before `day` (all when nil): an asset's or an
    /// expense's balance is positive, an income's, a liability's or the capital's negative.
    public func balance(of account: FundAccount, through day: Day? = nil) -> Cents {
        var total: Int64 = 0
        for entry in entries where day.map({ entry.day <= $0 }) ?? true {
            for p in entry.postings {
                if p.debit == account { total += p.amount.value }
                if p.credit == account { total -= p.amount.value }
            }
        }
        return Cents(total)
    }

    /// The fund's cash.
    public func cash(through day: Day? = nil) -> Cents { balance(of: .cash, through: day) }

    /// Every account with a movement and its balance; the balances always add up to zero.
    public func trialBalance(through day: Day? = nil) -> [(account: FundAccount, balance: Cents)] {
        var order: [FundAccount] = [], sums: [FundAccount: Int64] = [:]
        for entry in entries where day.map({ entry.day <= $0 }) ?? true {
            for p in entry.postings {
                for (account, delta) in [(p.debit, p.amount.value), (p.credit, -p.amount.value)] {
                    if sums[account] == nil { order.append(account) }
                    sums[account, default: 0] += delta
                }
            }
        }
        return order.map { ($0, Cents(sums[$0] ?? 0)) }
    }

    /// One year of the fund.
    public func yearStatement(_ year: Int) -> FundYearStatement {
        let opening = cash(through: Day(year: year - 1, month: 12, day: 31))
        var s = FundYearStatement(year: year, openingCash: opening)
        for entry in entries where entry.day.year == year {
            for p in entry.postings {
                switch entry.kind {
                case .capital, .injection: s.injections = s.injections + p.amount
                case .contribution: s.contributions = s.contributions + p.amount
                case .interest: s.interest = s.interest + p.amount
                case .recovery: s.recoveries = s.recoveries + p.amount
                case .compensationApproved: s.compensationApproved = s.compensationApproved + p.amount
                case .compensationPaid: s.compensationPaid = s.compensationPaid + p.amount
                }
            }
        }
        s.closingCash = cash(through: Day(year: year, month: 12, day: 31))
        return s
    }

    /// One institution's dealings with the fund, in `year` or (nil) over all years.
    public func institutionStatement(_ institution: String, year: Int? = nil) -> FundInstitutionStatement {
        var s = FundInstitutionStatement(institution: institution, year: year)
        for entry in entries where year.map({ entry.day.year == $0 }) ?? true {
            for p in entry.postings where p.debit.institution == institution || p.credit.institution == institution {
                switch entry.kind {
                case .contribution: s.contributions = s.contributions + p.amount
                case .compensationApproved: s.compensationApproved = s.compensationApproved + p.amount
                case .compensationPaid: s.compensationPaid = s.compensationPaid + p.amount
                case .recovery: s.recoveriesReturned = s.recoveriesReturned + p.amount
                case .capital, .injection, .interest: break
                }
            }
        }
        let end = year.map { Day(year: $0, month: 12, day: 31) }
        s.payableAtEnd = Cents(-balance(of: .compensationPayable(institution: institution), through: end).value)
        return s
    }

    /// The institutions that appear in the books, sorted.
    public var institutions: [String] {
        Array(Set(entries.flatMap { $0.postings.flatMap { [$0.debit.institution, $0.credit.institution].compactMap { $0 } } })).sorted()
    }
}

public struct FundYearStatement: Sendable, Equatable {
    public var year: Int
    public var openingCash: Cents
    public var injections: Cents = .zero
    public var contributions: Cents = .zero
    public var interest: Cents = .zero
    public var recoveries: Cents = .zero
    public var compensationApproved: Cents = .zero
    public var compensationPaid: Cents = .zero
    public var closingCash: Cents = .zero

    public init(year: Int, openingCash: Cents) { self.year = year; self.openingCash = openingCash }

    /// Opening + inflows − payments; equals `closingCash` (the books' invariant).
    public var computedClosing: Cents { openingCash + injections + contributions + interest + recoveries - compensationPaid }
}

public struct FundInstitutionStatement: Sendable, Equatable {
    public var institution: String
    public var year: Int?
    public var contributions: Cents = .zero
    public var compensationApproved: Cents = .zero
    public var compensationPaid: Cents = .zero
    public var recoveriesReturned: Cents = .zero
    /// Approved and not yet paid at the end of the period.
    public var payableAtEnd: Cents = .zero

    public init(institution: String, year: Int?) { self.institution = institution; self.year = year }

    /// What the institution received net of what it put in and returned.
    public var netReceived: Cents { compensationPaid - contributions - recoveriesReturned }
}
