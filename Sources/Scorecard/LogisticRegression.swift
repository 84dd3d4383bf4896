import Foundation

/// Binary logistic regression with an L2 penalty, fitted by Newton–Raphson (IRLS).
///
/// Minimises `Σᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2) Σⱼ βⱼ²` with `zᵢ = β₀ + Σⱼ βⱼ xᵢⱼ`; the intercept β₀
/// is not penalised. λ = `l2` corresponds to scikit-learn's `1/C`. Each step solves the penalised
/// Newton system by Cholesky factorisation and halves the step until the objective decreases, so the
/// fit is deterministic and converges also for separable data when λ > 0.
public struct LogisticRegression: Codable, Sendable, Equatable {
    public var intercept: Double
    public var coefficients: [Double]
    /// Newton iterations used.
    public var iterations: Int
    /// Whether the largest parameter change fell below the tolerance.
    public var converged: Bool

    public init(intercept: Double, coefficients: [Double], iterations: Int = 0, converged: Bool = true) {
        self.intercept = intercept
        self.coefficients = coefficients
        self.iterations = iterations
        self.converged = converged
    }

    /// The linear predictor (log-odds of target 1) of one feature row.
    public func logit(_ x: [Double]) -> Double {
        var z = intercept
        for j in 0..<min(x.count, coefficients.count) { z += coefficients[j] * x[j] }
        return z
    }

    /// The probability of target 1 for one feature row.
    public func probability(_ x: [Double]) -> Double { LogisticRegression.sigmoid(logit(x)) }

    /// Fits a model to feature rows (all of one length) and 0/1 targets.
    public static func fit(rows: [[Double]], targets: [Int], l2: Double,
                           maxIterations: Int = 100, tolerance: Double = 1e-10) -> LogisticRegression {
        let p = rows.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * p)
        var y: [UInt8] = []
        y.reserveCapacity(rows.count)
        for (row, target) in zip(rows, targets) {
            for j in 0..<p { flat.append(j < row.count ? row[j] : 0) }
            y.append(target == 1 ? 1 : 0)
        }
        return fit(matrix: flat, columns: p, targets: y, l2: l2, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Fits a model to a row-major `n × columns` matrix and 0/1 targets.
    static func fit(matrix x: [Double], columns p: Int, targets y: [UInt8], l2: Double,
                    maxIterations: Int = 100, tolerance: Double = 1e-10) -> LogisticRegression {
        let n = y.count
        let d = p + 1  // parameter 0 is the intercept
        let positives = y.reduce(0) { $0 + Int($1) }
        guard n > 0 else { return LogisticRegression(intercept: 0, coefficients: Array(repeating: 0, count: p)) }
        let lambda = max(l2, 0)
        // Start from the intercept-only solution (clamped for a single class).
        let mean = min(max(Double(positives) / Double(n), 1e-6), 1 - 1e-6)
        var beta = [Double](repeating: 0, count: d)
        beta[0] = log(mean / (1 - mean))

        // The objective at `b`; also stores each row's fitted probability σ(zᵢ) in `mu`, which the next
        // Newton step reuses when `b` is accepted (the same z and the same exponential as `sigmoid`).
        func objective(_ b: [Double], mu: inout [Double]) -> Double {
            var total = 0.0
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    b.withUnsafeBufferPointer { bs in
                        mu.withUnsafeMutableBufferPointer { ms in
                            for i in 0..<n {
                                var z = bs[0]
                                let base = i * p
                                for j in 0..<p { z += bs[j + 1] * xs[base + j] }
                                // log(1 + e^z) − y z, computed stably.
                                let e = exp(z > 0 ? -z : z)
                                total += (z > 0 ? z + log1p(e) : log1p(e)) - (ys[i] == 1 ? z : 0)
                                ms[i] = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                            }
                        }
                    }
                }
            }
            var penalty = 0.0
            for j in 1..<d { penalty += b[j] * b[j] }
            return total + 0.5 * lambda * penalty
        }

        var mu = [Double](repeating: 0, count: n)
        var candidateMu = [Double](repeating: 0, count: n)
        var current = objective(beta, mu: &mu)
        var iterations = 0
        var converged = false
        var gradient = [Double](repeating: 0, count: d)
        var hessian = [Double](repeating: 0, count: d * d)
        var row = [Double](repeating: 0, count: d)
        while iterations < maxIterations {
            iterations += 1
            for k in 0..<d { gradient[k] = 0 }
            for k in 0..<(d * d) { hessian[k] = 0 }
            // The same sums in the same order as a plain loop, through unchecked buffers.
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    mu.withUnsafeBufferPointer { ms in
                        gradient.withUnsafeMutableBufferPointer { gs in
                            hessian.withUnsafeMutableBufferPointer { hs in
                                row.withUnsafeMutableBufferPointer { rs in
                                    for i in 0..<n {
                                        let base = i * p
                                        rs[0] = 1
                                        for j in 0..<p { rs[j &+ 1] = xs[base &+ j] }
                                        let mu = ms[i]
                                        let residual = mu - Double(ys[i])
                                        let w = max(mu * (1 - mu), 1e-12)
                                        let h = hs.baseAddress!, r = UnsafePointer(rs.baseAddress!)
                                        for a in 0..<d {
                                            let ra = r[a]
                                            gs[a] += residual * ra
                                            let wa = w * ra
                                            let hrow = h + a &* d
                                            var b = a
                                            while b < d {
                                                hrow[b] += wa * r[b]
                                                b &+= 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for a in 0..<d {
                for b in 0..<a { hessian[a * d + b] = hessian[b * d + a] }
            }
            for j in 1..<d {
                gradient[j] += lambda * beta[j]
                hessian[j * d + j] += lambda
            }
            guard let step = solveSymmetric(hessian, gradient, size: d) else { break }
            // Damped step: halve until the objective does not increase.
            var t = 1.0
            var candidate = beta
            var candidateValue = current
            var accepted = false
            for _ in 0..<40 {
                for k in 0..<d { candidate[k] = beta[k] - t * step[k] }
                candidateValue = objective(candidate, mu: &candidateMu)
                if candidateValue <= current + 1e-12 * max(1, abs(current)) {
                    accepted = true
                    break
                }
                t *= 0.5
            }
            guard accepted else {
                converged = true  // no descent direction left at machine precision
                break
            }
            var change = 0.0
            for k in 0..<d { change = max(change, abs(candidate[k] - beta[k])) }
            beta = candidate
            current = candidateValue
            swap(&mu, &candidateMu)
            if change < tolerance {
                converged = true
                break
            }
        }
        return LogisticRegression(intercept: beta[0], coefficients: Array(beta[1...]),
                                  iterations: iterations, converged: converged)
    }

    /// Solves `A x = b` for a symmetric positive (semi-)definite `A` by Cholesky factorisation,
    /// adding a growing ridge to the diagonal if the factorisation fails.
    static func solveSymmetric(_ a: [Double], _ b: [Double], size d: Int) -> [Double]? {
        var trace = 0.0
        for k in 0..<d { trace += abs(a[k * d + k]) }
        let scale = max(trace / Double(max(d, 1)), 1e-300)
        var jitter = 0.0
        for _ in 0..<12 {
            if let l = cholesky(a, size: d, jitter: jitter) {
                // Forward then backward substitution.
                var z = [Double](repeating: 0, count: d)
                for i in 0..<d {
                    var s = b[i]
                    for k in 0..<i { s -= l[i * d + k] * z[k] }
                    z[i] = s / l[i * d + i]
                }
                var x = [Double](repeating: 0, count: d)
                for i in stride(from: d - 1, through: 0, by: -1) {
                    var s = z[i]
                    for k in (i + 1)..<d { s -= l[k * d + i] * x[k] }
                    x[i] = s / l[i * d + i]
                }
                if x.allSatisfy(\.isFinite) { return x }
            }
            jitter = jitter == 0 ? scale * 1e-10 : jitter * 100
        }
        return nil
    }

    /// Lower-triangular Cholesky factor of `a + jitter·I`, or nil if not positive definite.
    static func cholesky(_ a: [Double], size d: Int, jitter: Double) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var s = a[i * d + j] + (i == j ? jitter : 0)
                for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * d + i] = s.squareRoot()
                } else {
                    l[i * d + j] = s / l[j * d + j]
                }
            }
        }
        return l
    }

    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}
