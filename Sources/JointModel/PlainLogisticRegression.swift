import Foundation

public enum Logistic {
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}

/// Logistic regression in the clear, the reference the joint model is measured against: Newton's method (IRLS)
/// on the exact log-loss with an optional L2 penalty (not on the intercept).
public struct PlainLogisticRegression: Sendable, Equatable {
    public let weights: [Double]
    public let intercept: Double

    public init(weights: [Double], intercept: Double) {
        self.weights = weights
        self.intercept = intercept
    }

    public static func fit(_ x: FeatureMatrix, labels: [Int], l2: Double = 1e-4, iterations: Int = 50) throws
        -> PlainLogisticRegression
    {
        guard labels.count == x.rows else { throw JointModelError.dimensionMismatch(expected: x.rows, got: labels.count) }
        let d = x.columns + 1  // intercept last
        var beta = [Double](repeating: 0, count: d)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [Double](repeating: 0, count: d * d)
            for i in 0..<x.rows {
                let row = Array(x.row(i)) + [1]
                let z = zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }
                let p = Logistic.sigmoid(z)
                let r = p - Double(labels[i]), w = max(p * (1 - p), 1e-10)
                for a in 0..<d {
                    gradient[a] += r * row[a]
                    let wa = w * row[a]
                    for b in a..<d { hessian[a * d + b] += wa * row[b] }
                }
            }
            let n = Double(x.rows)
            for a in 0..<d {
                gradient[a] /= n
                for b in a..<d { hessian[a * d + b] /= n; hessian[b * d + a] = hessian[a * d + b] }
                if a < d - 1 { gradient[a] += l2 * beta[a]; hessian[a * d + a] += l2 }
                hessian[a * d + a] += 1e-12
            }
            let step = try Cholesky.solve(hessian, gradient, size: d)
            beta = zip(beta, step).map { $0 - $1 }
            if step.map(abs).max() ?? 0 < 1e-10 { break }
        }
        return PlainLogisticRegression(weights: Array(beta.dropLast()), intercept: beta[d - 1])
    }

    /// The same first-order Taylor mini-batch gradient descent as the joint protocol, in the clear, on the joined
    /// features (guest columns first): what the encrypted training must reproduce up to fixed-point rounding.
    public static func fitTaylor(_ x: FeatureMatrix, labels: [Int], config: HeteroLRConfig) -> PlainLogisticRegression {
        let d = x.columns
        var w = [Double](repeating: 0, count: d)
        var b = 0.0
        for epoch in 0..<config.epochs {
            for batch in config.batches(rows: x.rows, epoch: epoch) {
                var g = [Double](repeating: 0, count: d)
                var gb = 0.0
                for i in batch {
                    let row = x.row(i)
                    let z = zip(row, w).reduce(b) { $0 + $1.0 * $1.1 }
                    let r = 0.25 * z + 0.5 - Double(labels[i])
                    for (j, v) in row.enumerated() { g[j] += r * v }
                    gb += r
                }
                let n = Double(batch.count)
                for j in 0..<d { w[j] -= config.learningRate * (g[j] / n + config.l2 * w[j]) }
                b -= config.learningRate * gb / n
            }
        }
        return PlainLogisticRegression(weights: w, intercept: b)
    }

    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        x.linearScores(weights).map { Logistic.sigmoid($0 + intercept) }
    }
}

enum Cholesky {
    /// Solves A·x = b for a symmetric positive definite A (row-major, size × size).
    static func solve(_ a: [Double], _ b: [Double], size n: Int) throws -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard s > 0 else { throw JointModelError.invalidConfiguration("矩阵不正定，无法求解") }
                    l[i * n + i] = s.squareRoot()
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = b[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<n { s -= l[k * n + i] * x[k] }
            x[i] = s / l[i * n + i]
        }
        return x
    }
}
