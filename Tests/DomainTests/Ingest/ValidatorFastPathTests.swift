import Foundation
import Testing
@testable import DemoCity
@testable import Domain

/// `validate` takes most valid rows through `validFast`, which must give exactly the record the general path
/// gives (or step aside): checked on generated files of every dataset, faults included, and on edge cases.
@Suite struct ValidatorFastPathTests {
    let catalog: Catalog
    let today = Day(year: 2026, month: 11, day: 22)

    init() throws { catalog = try CatalogLoader.bundled() }

    /// Every row of the file: the fast path agrees with the general one; returns how many rows it took.
    func compare(_ validator: RecordValidator, _ rows: [[String]]) -> (fast: Int, valid: Int) {
        var fast = 0, valid = 0
        for (index, row) in rows.enumerated() {
            let general = validator.validateGeneral(row, rowNumber: index + 2)
            if case .valid = general { valid += 1 }
            if let record = validator.validFast(row, rowNumber: index + 2) {
                fast += 1
                #expect(general == .valid(record), "row \(row)")
            }
        }
        return (fast, valid)
    }

    @Test func agreesOnGeneratedFilesWithFaults() throws {
        let asOf = Date(timeIntervalSince1970: 1_795_000_000)
        for schema in CityGenerator.DemoCatalog.schemas {
            for faultRate in [0, 0.3] {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("fast-\(UUID().uuidString).csv")
                defer { try? FileManager.default.removeItem(at: file) }
                _ = try CityGenerator.writeBulk(dataset: schema.id, rows: 300, seed: 11, asOf: asOf, to: file,
                                                faultRate: faultRate)
                var parser = CSVParser()
                var rows: [[String]] = []
                parser.feed(Array(try Data(contentsOf: file)), into: &rows)
                parser.finish(into: &rows)
                let validator = try RecordValidator(dataset: try catalog.require(schema.id), columns: rows[0],
                                                    today: Day(asOf as Date))
                let (fast, valid) = compare(validator, Array(rows.dropFirst()))
                #expect(valid > 0, "\(schema.id)")
                if faultRate == 0 {
                    // Clean generated rows are canonical or only need an amount rewritten: the valid ones all go fast.
                    #expect(fast == valid, "\(schema.id): \(fast) fast of \(valid) valid")
                }
            }
        }
    }

    @Test func agreesOnEdgeCases() throws {
        let validator = try RecordValidator(
            dataset: try catalog.require("admin.penalty"),
            columns: ["record_id", "uscc", "decision_no", "decided_on", "authority", "severity", "amount"], today: today)
        let firm = "91350100M000100Y43"
        let rows: [[String]] = [
            ["P1", firm, "大市监罚〔2026〕1号", "2026-03-01", "大连市市场监督管理局", "一般", "5000.00"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "5000"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "0.00"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "00.00"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "5000.5"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "5000.10"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "+5000.00"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", ""],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "-1"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "1.234"],
            ["P1", " \(firm) ", "N1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm.lowercased(), "N1", "2026-03-01", "局", "一般", "1"],
            ["P1", "91350100M000100Y44", "N1", "2026-03-01", "局", "一般", "1"],
            [" P1", firm, "N1", "2026-03-01", "局", "一般", "1"],
            ["P1\u{3000}", firm, "N1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "\u{3000}N1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N1\t", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N1", "2026-03-01", "局\u{3000}", "一般", "1"],
            ["P1", firm, "N\"1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N\\1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N\n1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N1", "2026-13-01", "局", "一般", "1"],
            ["P1", firm, "N1", "2027-03-01", "局", "一般", "1"],
            ["P1", firm, "N1", "2026-03-01", "局", "较重", "1"],
            ["P1", firm, "", "2026-03-01", "局", "一般", "1"],
            ["", firm, "N1", "2026-03-01", "局", "一般", "1"],
            ["P\u{01}", firm, "N1", "2026-03-01", "局", "一般", "1"],
            [String(repeating: "编", count: 30), firm, "N1", "2026-03-01", "局", "一般", "1"],
            [String(repeating: "P", count: 65), firm, "N1", "2026-03-01", "局", "一般", "1"],
            ["P1", firm, String(repeating: "号", count: 100), "2026-03-01", "局", "一般", "1"],
            ["P1", firm, String(repeating: "号", count: 101), "2026-03-01", "局", "一般", "1"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般"],
            ["P1", firm, "N1", "2026-03-01", "局", "一般", "1", "extra"],
        ]
        let (fast, _) = compare(validator, rows)
        #expect(fast >= 8)
    }
}
