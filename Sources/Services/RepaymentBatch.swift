import Domain
import FluentKit
import Logging
import Persistence

/// A lender's file of repayments (`loan_id,day,amount_cents`, header first): each row is recorded on its
/// own (a bad row never undoes a good one), the rejected rows come back with their row number and reason,
/// and accepted + rejected = submitted.
public enum RepaymentBatch {
    public struct Problem: Codable, Sendable, Equatable { public let row: Int; public let loanID: String; public let reason: String }

    public struct Result: Codable, Sendable {
        public let submitted: Int
        public let accepted: Int
        public let rejected: [Problem]
    }

    public static func record(_ context: ServiceContext, _ principal: Principal, csv text: String) async throws -> Result {
        _ = try principal.requireInstitution()
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first?.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",")
            .map({ $0.trimmingCharacters(in: .whitespaces) }), header == ["loan_id", "day", "amount_cents"] else {
            throw DomainError.invalidFile(reason: "首行应为 loan_id,day,amount_cents")
        }
        lines.removeFirst()
        var accepted = 0
        var problems: [Problem] = []
        for (index, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let row = index + 2
            do {
                guard cells.count == 3 else { throw DomainError.invalidInput(field: "行", reason: "应有 3 列，实际 \(cells.count) 列") }
                guard let id = Int64(cells[0]) else { throw DomainError.invalidInput(field: "loan_id", reason: "应为贷款编号") }
                guard let cents = Int64(cells[2]), cents > 0 else {
                    throw DomainError.invalidInput(field: "amount_cents", reason: "应为正整数（分）")
                }
                _ = try await MarketActions.repay(context, principal, loanID: id, day: try Validate.day(cells[1], field: "day"),
                                                  amount: Cents(cents))
                accepted += 1
            } catch let error as DomainError {
                problems.append(Problem(row: row, loanID: cells.first ?? "", reason: error.message))
            } catch {
                context.database.logger.error("repayment row failed", metadata: ["row": "\(row)", "error": "\(error)"])
                problems.append(Problem(row: row, loanID: cells.first ?? "", reason: "处理该行时发生内部错误，未登记"))
            }
        }
        return Result(submitted: lines.count, accepted: accepted, rejected: problems)
    }
}
