import Foundation
@testable import JointModel

/// German credit (../shared/data/scoring/german.csv beside the repo), split vertically: the bank keeps the columns
/// a lender sees in its own books (accounts, the loan asked for, credit history), the credit center the
/// applicant's circumstances (employment, family, property, housing, job, age).
struct GermanCredit {
    static let bankColumns = [
        "status_of_existing_checking_account", "duration_in_month", "credit_history", "purpose", "credit_amount",
        "savings_account_and_bonds", "installment_rate_in_percentage_of_disposable_income",
        "other_debtors_or_guarantors", "other_installment_plans", "number_of_existing_credits_at_this_bank",
    ]
    static let centerColumns = [
        "present_employment_since", "personal_status_and_sex", "present_residence_since", "property", "age_in_years",
        "housing", "job", "number_of_people_being_liable_to_provide_maintenance_for", "telephone", "foreign_worker",
    ]

    let header: [String]
    let rows: [[String]]
    let labels: [Int]
    let folds: [Int]

    /// The repo root is two folders above this file's folder (Tests/JointModelTests); shared data sits beside it.
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data/scoring").standardized
    }

    static func load() throws -> GermanCredit {
        let text = try String(contentsOf: folder.appendingPathComponent("german.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { parseCSVLine(String($0)) }
        let header = lines.removeFirst()
        let target = header.firstIndex(of: "bad")!
        let foldText = try String(contentsOf: folder.appendingPathComponent("german_folds.csv"), encoding: .utf8)
        var foldOf: [Int: Int] = [:]
        for line in foldText.split(whereSeparator: \.isNewline).dropFirst() {
            let parts = line.split(separator: ",")
            foldOf[Int(parts[0])!] = Int(parts[1])!
        }
        return GermanCredit(header: header, rows: lines, labels: lines.map { Int($0[target])! },
                            folds: lines.indices.map { foldOf[$0]! })
    }

    static func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
        }
        fields.append(field)
        return fields
    }

    /// One-hot (the most frequent category dropped) or numeric columns, standardized with the training rows'
    /// mean and standard deviation; the encoder is fitted on `train` only and applied to both.
    func encode(columns: [String], train: [Int], test: [Int]) throws -> (train: FeatureMatrix, test: FeatureMatrix) {
        var names: [String] = []
        var raw: [[Double]] = Array(repeating: [], count: rows.count)
        for column in columns {
            let c = header.firstIndex(of: column)!
            if rows.allSatisfy({ Double($0[c]) != nil }) {
                names.append(column)
                for i in rows.indices { raw[i].append(Double(rows[i][c])!) }
            } else {
                var counts: [String: Int] = [:]
                for i in train { counts[rows[i][c], default: 0] += 1 }
                let reference = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
                for level in counts.keys.sorted() where level != reference {
                    names.append("\(column)=\(level)")
                    for i in rows.indices { raw[i].append(rows[i][c] == level ? 1 : 0) }
                }
            }
        }
        var mean = [Double](repeating: 0, count: names.count), sd = mean
        for j in names.indices {
            mean[j] = train.reduce(0) { $0 + raw[$1][j] } / Double(train.count)
            sd[j] = (train.reduce(0) { $0 + pow(raw[$1][j] - mean[j], 2) } / Double(train.count)).squareRoot()
            if sd[j] == 0 { sd[j] = 1 }
        }
        func matrix(_ idx: [Int]) throws -> FeatureMatrix {
            try FeatureMatrix(names: names, rows: idx.map { i in names.indices.map { (raw[i][$0] - mean[$0]) / sd[$0] } })
        }
        return (try matrix(train), try matrix(test))
    }
}
