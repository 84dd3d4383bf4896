import Foundation

/// A second chance, conditionally on the model, for the variables that selection left out.
///
/// Selection by IV and the wrong-sign rule judge each variable by its risk on its own (its marginal WOE). A
/// variable whose effect shows only given the others is then lost: one that ranks little alone, or one whose
/// risk given the others runs against its risk alone (a student with a given balance defaults less often than
/// a non-student, although students default more often overall, because they carry larger balances).
///
/// A variable whose WOE takes a wrong sign in the WOE model is judged first by inner validation, its conditional
/// WOE competing with the raw terms (`RawNumericChoice`); a conditional-WOE column is penalised per standard
/// deviation (`LogisticRegression.fit(columns:targets:l2:standardized:)`).
///
/// After the regression, each other variable left out (low IV, correlated, wrong sign) is tried again on the same
/// bins with its *conditional WOE*: per bin, the shift of log-odds that best fits the bin's training rows on
/// top of the current model's log-odds (see `fit`). With an intercept-only model that shift is the ordinary WOE,
/// so the conditional WOE is the WOE measured against what the model already expects instead of against the
/// average. Its deviance gain is a likelihood-ratio statistic with (bins with rows − 1) degrees of freedom;
/// forward stepwise, the candidate with the most significant gain enters when that gain is significant at
/// `ScorecardConfig.entrySignificance`, the model is refitted (wrong-sign terms leave again) and the others
/// are tried again, until none is significant. Each variable gets one second chance.
///
/// A variable that enters so keeps its bins; its bins carry the conditional WOE, so its coefficient comes out
/// positive (if a later refit turns it negative, it leaves as wrong-sign) and its points follow its risk given the
/// rest of the scorecard. The candidate keeps its marginal IV; `ScorecardVariable.conditionalWOE` marks it.
struct ConditionalEntry {
    /// A candidate's conditional WOE per bin and its deviance gain on the training rows.
    struct Fit {
        var woe: [Double]
        /// Twice the log-likelihood gain of the per-bin shifts (without smoothing) over the model alone.
        var deviance: Double
        /// Bins with training rows, less one.
        var degreesOfFreedom: Int

        /// The Wilson–Hilferty normal score of the deviance: monotone in the chi-square p-value for any degrees of
        /// freedom, so candidates with different numbers of bins compare by it.
        var score: Double {
            guard degreesOfFreedom > 0 else { return -.infinity }
            let k = Double(degreesOfFreedom)
            let v = 2 / (9 * k)
            return (Foundation.cbrt(max(deviance, 0) / k) - (1 - v)) / v.squareRoot()
        }
    }

    /// Per-bin conditional WOE given each row's log-odds under the model (`offsets`, same order as
    /// `assignment` and `targets`; a row with assignment −1 has no bin and keeps the model's log-odds).
    ///
    /// Each bin's shift δ maximises `Σ [y (η + δ) − log(1 + e^{η + δ})]` over its rows plus, as the ordinary
    /// WOE does with its smoothing, `smoothing` of a bad and of a good at the bin's mean log-odds. With every
    /// η equal to the log-odds of the average bad rate this is the WOE (up to the smoothing).
    static func fit(assignment: [Int32], binCount: Int, offsets: [Double], targets: [UInt8],
                    smoothing: Double) -> Fit {
        var members = [[Int]](repeating: [], count: binCount)
        for (i, bin) in assignment.enumerated() where bin >= 0 && Int(bin) < binCount { members[Int(bin)].append(i) }
        var woe = [Double](repeating: 0, count: binCount)
        var deviance = 0.0
        var occupied = 0
        for b in 0..<binCount where !members[b].isEmpty {
            occupied += 1
            let rows = members[b]
            var meanOffset = 0.0
            for i in rows { meanOffset += offsets[i] }
            meanOffset /= Double(rows.count)
            func logLikelihood(_ delta: Double) -> Double {
                var total = 0.0
                for i in rows { total += Self.logLikelihood(z: offsets[i] + delta, y: targets[i]) }
                return total
            }
            // Newton's method on a concave function of one variable, halving a step that does not rise.
            var delta = 0.0
            var value = logLikelihood(0) + smoothing * (Self.logLikelihood(z: meanOffset, y: 1) + Self.logLikelihood(z: meanOffset, y: 0))
            for _ in 0..<50 {
                var gradient = 0.0, curvature = 0.0
                for i in rows {
                    let p = LogisticRegression.sigmoid(offsets[i] + delta)
                    gradient += Double(targets[i]) - p
                    curvature += p * (1 - p)
                }
                let q = LogisticRegression.sigmoid(meanOffset + delta)
                gradient += smoothing * (1 - 2 * q)
                curvature += 2 * smoothing * q * (1 - q)
                guard curvature > 0 else { break }
                var step = gradient / curvature
                var accepted = false
                for _ in 0..<30 {
                    let next = delta + step
                    let nextValue = logLikelihood(next)
                        + smoothing * (Self.logLikelihood(z: meanOffset + next, y: 1) + Self.logLikelihood(z: meanOffset + next, y: 0))
                    if nextValue >= value {
                        delta = next
                        value = nextValue
                        accepted = true
                        break
                    }
                    step /= 2
                }
                if !accepted || abs(step) < 1e-10 { break }
            }
            woe[b] = delta
            deviance += 2 * (logLikelihood(delta) - logLikelihood(0))
        }
        return Fit(woe: woe, deviance: max(deviance, 0), degreesOfFreedom: max(occupied - 1, 0))
    }

    /// `y z − log(1 + e^z)`, computed stably.
    @inline(__always)
    static func logLikelihood(z: Double, y: UInt8) -> Double {
        let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
        return (y == 1 ? z : 0) - softplus
    }

    /// The normal quantile a `Fit.score` must exceed to be significant at level `alpha` (one-sided upper tail).
    static func scoreThreshold(_ alpha: Double) -> Double {
        // Bisection on the upper tail erfc(z / √2) / 2, which falls from 1/2 at z = 0.
        var low = 0.0, high = 40.0
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if erfc(mid / 2.0.squareRoot()) / 2 > alpha { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
