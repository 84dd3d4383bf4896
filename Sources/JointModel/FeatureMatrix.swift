/// A party's numeric features for the aligned firms, row-major, rows in the aligned order (sorted ids).
/// Encoding (one-hot, standardization) is the owner's business and stays with the owner.
public struct FeatureMatrix: Sendable, Equatable {
    public let names: [String]
    public let rows: Int
    public let values: [Double]

    public var columns: Int { names.count }

    public init(names: [String], rows: [[Double]]) throws {
        for row in rows where row.count != names.count {
            throw JointModelError.dimensionMismatch(expected: names.count, got: row.count)
        }
        guard rows.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw JointModelError.invalidConfiguration("特征值必须是有限数") }
        self.names = names
        self.rows = rows.count
        values = rows.flatMap { $0 }
    }

    public subscript(row: Int, column: Int) -> Double { values[row * names.count + column] }

    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * columns)..<((i + 1) * columns)] }

    /// The rows at `indices`, in that order.
    public func selecting(rows indices: [Int]) -> FeatureMatrix {
        var out: [Double] = []
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: row(i)) }
        return FeatureMatrix(names: names, rowCount: indices.count, values: out)
    }

    /// Columns of `self` followed by those of `other`, row by row (for the clear reference on joined data).
    public func joined(with other: FeatureMatrix) throws -> FeatureMatrix {
        guard rows == other.rows else { throw JointModelError.dimensionMismatch(expected: rows, got: other.rows) }
        var out: [Double] = []
        out.reserveCapacity(rows * (columns + other.columns))
        for i in 0..<rows { out.append(contentsOf: row(i)); out.append(contentsOf: other.row(i)) }
        return FeatureMatrix(names: names + other.names, rowCount: rows, values: out)
    }

    init(names: [String], rowCount: Int, values: [Double]) {
        self.names = names
        rows = rowCount
        self.values = values
    }

    /// w·x_i for every row (no intercept).
    public func linearScores(_ weights: [Double]) -> [Double] {
        precondition(weights.count == columns)
        return (0..<rows).map { i in
            var s = 0.0
            let base = i * columns
            for j in 0..<columns { s += weights[j] * values[base + j] }
            return s
        }
    }
}
