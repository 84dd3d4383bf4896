/// A revolving line in the statistics (rules stated once): the line opening is a credit line granted (授信) of its limit
/// on its first day; each draw is a loan disbursed (放款) on its day at the line's rate less any coupon's cut; repayments'
/// principal retires draws oldest first (as `CreditLineLedger` does) and is counted on the repayment's day; from the day
/// after maturity a draw's remaining principal is overdue and classed by the days since maturity (`ClassificationThresholds`,
/// never better than the lender's reported class), until repaid.
public enum StatLineHistory {
    /// The loan id a draw is counted under: `line:<line>:<draw>`.
    public static func loanID(line: Int64, draw: Int64) -> String { "line:\(line):\(draw)" }

    /// The draws of `line` as loans, with their changes through `through`. `firstDraw` names the draw that is the firm's
    /// first loan on the platform (首贷), if one of them is.
    public static func draws(_ line: CreditLine, isCreditLoan: Bool, firstDraw: Int64?, thresholds: ClassificationThresholds,
                             through: Day) -> [StatLoan] {
        let ledger = line.ledger
        var loans: [StatLoan] = []
        var left: [Cents] = []
        for entry in ledger.entries where entry.day <= through {
            switch entry.kind {
            case .draw:
                loans.append(StatLoan(
                    id: loanID(line: line.id, draw: entry.id), firm: line.uscc, institution: String(line.institutionID),
                    product: String(line.productID), disbursedOn: entry.day, amount: entry.amount,
                    rate: ledger.rate.basisPoints - (entry.coupon?.cutBasisPoints ?? 0), isCreditLoan: isCreditLoan,
                    isFirstLoan: entry.id == firstDraw))
                left.append(entry.amount)
            case .repayment:
                var principal = entry.principalPart
                for index in left.indices where principal.isPositive && left[index].isPositive {
                    let paid = min(principal, left[index])
                    left[index] = left[index] - paid
                    principal = principal - paid
                    loans[index].changes.append(StatLoanChange(day: entry.day, .repaid(paid)))
                    if entry.day > ledger.maturesOn { loans[index].changes.append(StatLoanChange(day: entry.day, .overdue(left[index]))) }
                }
            }
        }
        // Past maturity: overdue and classed by the days since maturity, on the days the class changes.
        let firstOverdue = ledger.maturesOn.adding(days: 1)
        guard firstOverdue <= through else { return loans }
        let floor = line.reportedClass ?? .normal
        let limits = [thresholds.specialMentionAfterDays, thresholds.substandardAfterDays, thresholds.doubtfulAfterDays,
                      thresholds.lossAfterDays]
        for index in loans.indices {
            let outstandingAtMaturity = loans[index].position(on: ledger.maturesOn)?.outstanding ?? .zero
            guard outstandingAtMaturity.isPositive else { continue }
            // The first overdue amount goes before any repayment on the same day (the sort below is stable).
            var changes = [StatLoanChange(day: firstOverdue, .overdue(outstandingAtMaturity))] + loans[index].changes
            var current = LoanClass.normal
            for days in [1] + limits.map({ $0 + 1 }) {
                let day = ledger.maturesOn.adding(days: days)
                guard day <= through else { break }
                // Classed only while this draw still has principal outstanding that day.
                guard (loans[index].position(on: day)?.outstanding ?? .zero).isPositive else { break }
                let tier = thresholds.classify(overdueDays: days, atLeast: floor)
                if tier != current {
                    changes.append(StatLoanChange(day: day, .reclassified(tier)))
                    current = tier
                }
            }
            loans[index].changes = changes.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        }
        return loans
    }
}
