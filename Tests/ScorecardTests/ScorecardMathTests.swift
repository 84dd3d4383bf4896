import Foundation
import Testing
@testable import Scorecard

/// The maths of the scorecard engine against values worked out independently.
@Suite("Scorecard maths")
struct ScorecardMathTests {
    // MARK: WOE / IV

    @Test("WOE and IV of a small table worked by hand")
    func woeByHand() {
        // Bads 10, 20, 30 of 60 → shares 1/6, 1/3, 1/2; goods 90, 60, 30 of 180 → 1/2, 1/3, 1/6.
        // WOE = ln(bad share / good share) = ln(1/3), 0, ln 3; IV = 2 × (1/3) × ln 3 = (2/3) ln 3.
        let table = WOETable(bads: [10, 20, 30], goods: [90, 60, 30], smoothing: 0)
        let ln3 = 1.0986122886681098  // ln 3
        #expect(abs(table.woe[0] + ln3) < 1e-12)
        #expect(abs(table.woe[1]) < 1e-12)
        #expect(abs(table.woe[2] - ln3) < 1e-12)
        #expect(abs(table.ivContributions[0] - ln3 / 3) < 1e-12)
        #expect(abs(table.iv - 2 * ln3 / 3) < 1e-12)
        #expect(abs(table.iv - 0.7324081924454066) < 1e-12)
    }

    @Test("Smoothed WOE of a bin without bads stays finite")
    func woeSmoothed() {
        // Bads 0, 4; goods 6, 2; +0.5 per cell → bad totals 5, good totals 9.
        // Bin 1: 0.5/5 = 0.1 vs 6.5/9 → WOE ln(0.9/6.5) = ln(9/65); bin 2: 4.5/5 = 0.9 vs 2.5/9 → ln(8.1/2.5) = ln 3.24.
        let table = WOETable(bads: [0, 4], goods: [6, 2], smoothing: 0.5)
        #expect(abs(table.woe[0] - log(9.0 / 65.0)) < 1e-12)
        #expect(abs(table.woe[1] - log(3.24)) < 1e-12)
        let iv = (0.1 - 6.5 / 9) * log(9.0 / 65.0) + (0.9 - 2.5 / 9) * log(3.24)
        #expect(abs(table.iv - iv) < 1e-12)
        #expect(table.woe.allSatisfy { $0.isFinite })
        // Without smoothing the empty cell gives an infinite WOE.
        #expect(WOETable(bads: [0, 4], goods: [6, 2], smoothing: 0).woe[0] == -.infinity)
    }

    // MARK: Logistic regression

    @Test("L2 logistic regression matches an independent solution")
    func logisticRegression() {
        let rows: [[Double]] = [[0.5, 1.0], [1.5, -0.5], [2.0, 0.3], [-1.0, 2.0], [0.0, 0.0],
                                [1.0, 1.0], [-0.5, -1.5], [2.5, 0.7], [0.3, -0.2], [1.2, 0.4]]
        let y = [0, 1, 1, 0, 0, 1, 1, 1, 0, 0]
        // Reference: python3 with numpy 2.4 / scipy 1.17, minimising
        // Σ [logaddexp(0, z) − y z] + (1/2) Σ βⱼ² (intercept unpenalised) by solving
        // gradient = 0 with scipy.optimize.root(method='hybr', tol=1e-15) from a BFGS start;
        // gradient at the solution ≤ 1.2e-16.
        let model = LogisticRegression.fit(rows: rows, targets: y, l2: 1.0)
        #expect(model.converged)
        #expect(abs(model.intercept - -0.5117118960855946) < 1e-9)
        #expect(abs(model.coefficients[0] - 0.8700552726970023) < 1e-9)
        #expect(abs(model.coefficients[1] - -0.6449667372514032) < 1e-9)
        // Without penalty: scipy BFGS (gtol 1e-13) gives −1.47392231, 2.35702408, −2.11528176.
        let plain = LogisticRegression.fit(rows: rows, targets: y, l2: 0)
        #expect(abs(plain.intercept - -1.47392231) < 1e-6)
        #expect(abs(plain.coefficients[0] - 2.35702408) < 1e-6)
        #expect(abs(plain.coefficients[1] - -2.11528176) < 1e-6)
    }

    @Test("Logistic regression stays finite on separable data and with no features")
    func logisticRegressionEdges() {
        let separable = LogisticRegression.fit(rows: [[-2], [-1], [1], [2]], targets: [0, 0, 1, 1], l2: 1)
        #expect(separable.coefficients[0] > 0 && separable.coefficients[0].isFinite)
        let interceptOnly = LogisticRegression.fit(rows: [[], [], [], []], targets: [0, 0, 0, 1], l2: 1)
        #expect(abs(interceptOnly.intercept - log(1.0 / 3.0)) < 1e-9)
        let repeated = LogisticRegression.fit(rows: [[1, 1], [2, 2], [3, 3], [4, 4]], targets: [0, 1, 0, 1], l2: 0)
        #expect(repeated.coefficients.allSatisfy { $0.isFinite })
    }

    // MARK: AUC and KS

    @Test("AUC of a known ranking with ties")
    func aucWithTies() {
        // Bads at 0.9, 0.7, 0.3; goods at 0.9, 0.3, 0.1. Pairs won: 0.9 → 0.5 + 1 + 1, 0.7 → 0 + 1 + 1,
        // 0.3 → 0 + 0.5 + 1; total 6 of 9.
        let auc = ScoringMetrics.auc(labels: [1, 0, 1, 0, 1, 0], scores: [0.9, 0.9, 0.7, 0.3, 0.3, 0.1])
        #expect(abs((auc ?? 0) - 6.0 / 9.0) < 1e-12)
        // Bads 0.8, 0.5; goods 0.5, 0.2: 2 + 1.5 of 4 pairs.
        #expect(ScoringMetrics.auc(labels: [1, 1, 0, 0], scores: [0.8, 0.5, 0.5, 0.2]) == 0.875)
        #expect(ScoringMetrics.auc(labels: [1, 1, 0, 0], scores: [0.9, 0.8, 0.2, 0.1]) == 1)
        #expect(ScoringMetrics.auc(labels: [1, 1], scores: [0.9, 0.8]) == nil)
    }

    @Test("KS moves tied scores together")
    func ksWithTies() {
        // Descending: 0.8 → bads 1/2, goods 0; 0.5 (one bad, one good) → 1, 1/2; 0.2 → 1, 1. KS = 1/2.
        // Splitting the tie with the bad first would wrongly give 1.
        #expect(ScoringMetrics.ks(labels: [1, 1, 0, 0], scores: [0.8, 0.5, 0.5, 0.2]) == 0.5)
        let ks = ScoringMetrics.ks(labels: [1, 0, 1, 0, 1, 0], scores: [0.9, 0.9, 0.7, 0.3, 0.3, 0.1])
        #expect(abs((ks ?? 0) - 1.0 / 3.0) < 1e-12)
        #expect(ScoringMetrics.ks(labels: [0, 0], scores: [0.1, 0.2]) == nil)
    }

    // MARK: Scaling

    @Test("Points scaling: base score at base odds, PDO doubles the odds")
    func scaling() {
        let scaling = ScalingConfig(baseScore: 600, baseOdds: 50, pdo: 20)
        let factor = 20 / log(2.0)  // 28.85390081777927
        #expect(abs(scaling.factor - factor) < 1e-12)
        #expect(abs(scaling.offset - (600 - factor * log(50.0))) < 1e-9)
        #expect(abs(scaling.offset - 487.1228762045055) < 1e-9)
        #expect(abs(scaling.score(logOddsGood: log(50.0)) - 600) < 1e-9)
        #expect(abs(scaling.score(logOddsGood: log(100.0)) - 620) < 1e-9)
        #expect(abs(scaling.score(logOddsGood: log(25.0)) - 580) < 1e-9)
        // A probability of bad of 1/51 is good:bad odds of 50.
        #expect(abs(scaling.score(probabilityOfBad: 1.0 / 51.0) - 600) < 1e-9)
        #expect(abs(scaling.probabilityOfBad(score: 620) - 1.0 / 101.0) < 1e-12)
        // Bin points −factor × β × WOE; base points offset − factor × β₀.
        #expect(abs(scaling.points(coefficient: 0.8, woe: 0.5) - -0.4 * factor) < 1e-12)
        #expect(abs(scaling.basePoints(intercept: -1) - (scaling.offset + factor)) < 1e-12)
        let custom = ScalingConfig(baseScore: 500, baseOdds: 1, pdo: 50)
        #expect(abs(custom.score(logOddsGood: log(4.0)) - 600) < 1e-9)
    }

    // MARK: PSI

    @Test("PSI of a shifted population")
    func psi() {
        // Shares 0.25, 0.25, 0.5 → 0.2, 0.3, 0.5:
        // (0.2 − 0.25) ln(0.8) + (0.3 − 0.25) ln(1.2) = 0.0111572 + 0.0091161.
        let report = PSIReport(expected: [25, 25, 50], actual: [40, 60, 100])
        let value = -0.05 * log(0.8) + 0.05 * log(1.2)
        #expect(abs(report.value - value) < 1e-12)
        #expect(abs(report.value - 0.020273255405408218) < 1e-12)
        #expect(report.stability == .stable)
        #expect(PSIReport(expected: [10, 10], actual: [10, 10]).value == 0)
        // An emptied bin is floored at 1e-4 instead of dividing by zero.
        let emptied = PSIReport(expected: [50, 50], actual: [100, 0])
        #expect(abs(emptied.value - ((1 - 0.5) * log(1 / 0.5) + (1e-4 - 0.5) * log(1e-4 / 0.5))) < 1e-12)
        #expect(emptied.stability == .significantShift)
        #expect(PSIReport.stability(of: 0.15) == .moderateShift)
    }

    // MARK: Reason codes

    @Test("Reason codes list the variables that cost the most points")
    func reasonCodes() {
        func item(_ name: String, _ points: Double, _ max: Double) -> VariableContribution {
            VariableContribution(variable: name, bin: 0, binLabel: name + "-bin", woe: 0, points: points, maxPoints: max)
        }
        let contributions = [item("a", 10, 30), item("b", 5, 5), item("c", -8, 20), item("d", 0, 20), item("e", 12, 15)]
        let reasons = ReasonCodes.rank(contributions, count: 3)
        // Losses: a 20, b 0, c 28, d 20, e 3 → c, then a and d (tie: scorecard order).
        #expect(reasons.map(\.variable) == ["c", "a", "d"])
        #expect(reasons.map(\.pointsLost) == [28, 20, 20])
        #expect(reasons[0].binLabel == "c-bin")
        #expect(ReasonCodes.rank(contributions, count: 10).map(\.variable) == ["c", "a", "d", "e"])
        #expect(ReasonCodes.rank([item("b", 5, 5)], count: 4).isEmpty)
    }
}
