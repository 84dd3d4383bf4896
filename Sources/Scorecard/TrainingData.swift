import Foundation

/// Whether a variable is binned by value ranges or by category lists.
public enum VariableKind: String, Codable, Sendable, Equatable {
    case numeric
    case categorical
}

/// A table column typed for binning: numbers (NaN for missing) or category codes (-1 for missing).
///
/// A column is numeric when every non-missing cell is a plain decimal number (see
/// `ScorecardTable.number(_:)`); a column without any non-missing cell counts as numeric.
struct TypedColumn: Sendable {
    let name: String
    let kind: VariableKind
    /// Numeric columns: one value per row, `.nan` when missing.
    var numbers: [Double] = []
    /// Categorical columns: one level index per row, -1 when missing.
    var codes: [Int32] = []
    /// Categorical columns: the distinct trimmed values, in order of first appearance.
    var levels: [String] = []

    init(name: String, cells: [String]) {
        self.name = name
        var numbers: [Double] = []
        numbers.reserveCapacity(cells.count)
        var numeric = true
        for var cell in cells {
            let parsed: Double? = cell.withUTF8 { raw in
                let bytes = ScorecardTable.trimmed(raw)
                if ScorecardTable.isMissing(bytes: bytes) { return .nan }
                return ScorecardTable.number(bytes: bytes)
            }
            guard let parsed else {
                numeric = false
                break
            }
            numbers.append(parsed)
        }
        if numeric {
            self.kind = .numeric
            self.numbers = numbers
            return
        }
        self.kind = .categorical
        var index: [String: Int32] = [:]
        var missingCells = Set<String>()
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(cells.count)
        for cell in cells {
            if let code = index[cell] {
                codes.append(code)
                continue
            }
            if missingCells.contains(cell) || ScorecardTable.isMissing(cell) {
                missingCells.insert(cell)
                codes.append(-1)
                continue
            }
            let value = ScorecardTable.trimmedText(cell)
            if let code = index[value] {
                index[cell] = code
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[value] = code
                index[cell] = code
                levels.append(value)
                codes.append(code)
            }
        }
        self.codes = codes
        self.levels = levels
    }
}

/// A training table split into typed candidate columns and a 0/1 target.
struct TrainingData: Sendable {
    let targetName: String
    /// 1 = bad (event), 0 = good, one per table row.
    let target: [UInt8]
    let columns: [TypedColumn]
    let rowCount: Int

    init(table: ScorecardTable, target targetName: String, excluding excluded: Set<String> = []) throws(ScorecardError) {
        guard let targetIndex = table.columnIndex(named: targetName) else { throw .targetColumnMissing(targetName) }
        guard table.rowCount > 0 else { throw .noRows }
        var target: [UInt8] = []
        target.reserveCapacity(table.rowCount)
        for (row, cell) in table.columns[targetIndex].enumerated() {
            switch ScorecardTable.number(cell) {
            case 0?: target.append(0)
            case 1?: target.append(1)
            default: throw .targetNotBinary(row: row, value: cell)
            }
        }
        self.targetName = targetName
        self.target = target
        self.rowCount = table.rowCount
        var columns: [TypedColumn] = []
        for (index, name) in table.header.enumerated() where index != targetIndex && !excluded.contains(name) {
            columns.append(TypedColumn(name: name, cells: table.columns[index]))
        }
        self.columns = columns
    }
}
