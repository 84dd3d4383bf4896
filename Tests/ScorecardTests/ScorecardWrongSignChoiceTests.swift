import Foundation
import Testing
@testable import Scorecard

/// A variable whose WOE comes out with a wrong sign competes by its conditional WOE with the raw terms
/// (`RawNumericChoice`), instead of losing to a proxy chosen before it was judged.
@Suite("Scorecard wrong-sign variables in the raw-term choice")
struct ScorecardWrongSignChoiceTests {
    /// Shaped like ISLR's Default: a dominant `balance` (higher for students, with a mass at 0); `student` lowers
    /// the risk at a given balance although students default more often overall (their WOE alone points the
    /// other way); `income` has no effect of its own but is much lower for students, so it can stand in for
    /// `student`. About 3 % defaults.
    static func studentCSV(rows: Int, seed: UInt64) -> String {
        var rng = SyntheticCreditData.Random(seed: seed)
        var lines = ["student,balance,income,bad"]
        for _ in 0..<rows {
            let student = rng.uniform() < 0.29
            let balance = max(0, (student ? 990 : 745) + 480 * rng.normal())
            let income = student ? 17_900 + 4_000 * rng.normal() : 40_000 + 10_000 * rng.normal()
            let z = -10.8 + 0.0057 * balance - 0.65 * (student ? 1 : 0)
            let bad = rng.uniform() < 1 / (1 + exp(-z)) ? 1 : 0
            lines.append("\(student ? "Yes" : "No"),\(String(format: "%.2f", balance)),\(String(format: "%.0f", income)),\(bad)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// On this sample the raw-term choice used to keep raw `income` (judged next to `student`'s wrong-sign WOE),
    /// the regression then dropped `student` for its sign, and its second chance given balance and raw income
    /// was not significant: the proxy replaced the variable.
    @Test("The wrong-sign variable enters by its conditional WOE and its proxy gets no raw term")
    func conditionalEntryBeatsProxy() throws {
        let table = try ScorecardTable(csv: Data(Self.studentCSV(rows: 8_000, seed: 8).utf8))
        let model = try ScorecardModel.train(table: table, target: "bad")
        let student = try #require(model.variables.first { $0.name == "student" }, "student should enter")
        #expect(student.conditionalWOE)
        #expect(student.coefficient > 0)
        // At a given balance students are the safer ones and get more points.
        let yes = try #require(student.binning.bins.first { $0.categories?.contains("Yes") ?? false })
        let no = try #require(student.binning.bins.first { $0.categories?.contains("No") ?? false })
        #expect(yes.points > no.points, "points: student \(yes.points), not \(no.points)")
        #expect(model.variables.first { $0.name == "income" }?.raw == nil, "income only stands in for student")
        #expect(model.variables.first { $0.name == "balance" }?.raw != nil)
    }
}
