import Foundation
import Testing
@testable import Domain
@testable import DemoCity

@Suite("Demo city generator")
struct CityGeneratorTests {
    @Test("writes one file per catalog dataset with the catalog's header")
    func headersMatchCatalog() throws {
        let city = try GeneratorFixture.city()
        let ids = try PlatformCheck.catalog().datasets.map(\.id)
        #expect(CityGenerator.datasets == ids)
        #expect(city.summary.files.map(\.dataset) == ids)
        for id in ids {
            let rows = try GeneratorFixture.table(city, id)
            #expect(try rows.first == PlatformCheck.header(id), "header of \(id)")
            #expect(rows.count - 1 == city.summary.file(id)?.rows, "row count of \(id)")
        }
    }

    @Test("the same seed gives the same bytes; another seed gives other data")
    func deterministic() throws {
        let a = try GeneratorFixture.generate("det-a", enterprises: 300, months: 12, seed: 99)
        let b = try GeneratorFixture.generate("det-b", enterprises: 300, months: 12, seed: 99)
        let c = try GeneratorFixture.generate("det-c", enterprises: 300, months: 12, seed: 100)
        let names = CityGenerator.datasets.map { $0 + ".csv" } + [CityGenerator.truthFile, CityGenerator.faultsFile]
        for name in names {
            let bytesA = try GeneratorFixture.bytes(a.directory.appendingPathComponent(name))
            let bytesB = try GeneratorFixture.bytes(b.directory.appendingPathComponent(name))
            #expect(bytesA == bytesB, "\(name) differs between two runs")
        }
        for name in ["market.registration.csv", "utility.payment.csv", CityGenerator.truthFile] {
            let bytesA = try GeneratorFixture.bytes(a.directory.appendingPathComponent(name))
            let bytesC = try GeneratorFixture.bytes(c.directory.appendingPathComponent(name))
            #expect(bytesA != bytesC, "\(name) is the same under another seed")
        }
    }

    @Test("rows not listed as faults pass the platform's record validator")
    func nonFaultyRowsAreValid() throws {
        let city = try GeneratorFixture.city()
        let faults = try GeneratorFixture.faults(city)
        for id in CityGenerator.datasets {
            let validator = try PlatformCheck.validator(id)
            let rows = try GeneratorFixture.table(city, id)
            let planted = faults[id] ?? [:]
            var checked = 0
            for (index, row) in rows.enumerated().dropFirst() where planted[index + 1] == nil {
                let problems = validator.reasons(row)
                #expect(problems.isEmpty, "\(id) line \(index + 1): \(problems) \(row)")
                checked += 1
                if !problems.isEmpty { break }
            }
            #expect(checked > 0, "\(id) has no valid rows")
        }
    }

    @Test("edge configurations still give valid files", arguments: [
        (1, 1, 0.0, 1_262_275_200.0),  // one firm, one month, no faults, as of 2010-01-01
        (60, 240, 0.0, 1_773_540_000.0),  // twenty years of months
        (40, 7, 0.5, 1_767_196_800.0),  // half the rows faulty, as of 2025-12-31 16:00 UTC (2026-01-01 in Shanghai)
    ])
    func edgeConfigurations(enterprises: Int, months: Int, faultRate: Double, asOf: Double) throws {
        let date = Date(timeIntervalSince1970: asOf)
        let city = try GeneratorFixture.generate("edge-\(enterprises)-\(months)", enterprises: enterprises, months: months) {
            $0.asOf = date
            $0.faultRate = faultRate
        }
        let faults = try GeneratorFixture.faults(city)
        #expect(city.summary.file("market.registration")?.rows ?? 0 >= enterprises)
        for id in CityGenerator.datasets {
            let validator = try PlatformCheck.validator(id, today: Day(date))
            let rows = try GeneratorFixture.table(city, id)
            #expect(try rows.first == PlatformCheck.header(id))
            for (index, row) in rows.enumerated().dropFirst() where faults[id]?[index + 1] == nil {
                let problems = validator.reasons(row)
                #expect(problems.isEmpty, "\(id) line \(index + 1): \(problems)")
            }
            if faultRate == 0 { #expect(faults[id] == nil) }
        }
    }

    @Test("the validator rejects every planted fault; duplicates repeat an earlier row exactly")
    func faultsAreReal() throws {
        let city = try GeneratorFixture.city()
        let faults = try GeneratorFixture.faults(city)
        for id in CityGenerator.datasets {
            let validator = try PlatformCheck.validator(id)
            let rows = try GeneratorFixture.table(city, id)
            var seen: [String: [String]] = [:]
            var updates = 0
            for (index, row) in rows.enumerated().dropFirst() {
                let line = index + 1
                let kind = faults[id]?[line]
                if kind == FaultKind.duplicate.rawValue {
                    #expect(seen[row[0]] == row, "\(id) line \(line) is no exact duplicate")
                } else if let kind {
                    #expect(!validator.reasons(row).isEmpty,
                            "\(id) line \(line) (\(kind)) passes every check: \(row)")
                } else if let earlier = seen[row[0]] {
                    #expect(earlier != row, "\(id) line \(line) repeats a row without being listed")
                    updates += 1
                }
                seen[row[0]] = row
            }
            #expect(updates == city.summary.file(id)?.updates, "updates of \(id)")
        }
    }

    @Test("fault, update and unregistered shares are near their rates")
    func shares() throws {
        let city = try GeneratorFixture.city()
        let summary = city.summary
        let total = Double(summary.totalRows)
        let faulty = Double(summary.files.reduce(0) { $0 + $1.faulty })
        #expect(abs(faulty / total - 0.02) < 0.003, "overall fault share \(faulty / total)")
        for file in summary.files where file.rows >= 5_000 {
            #expect(abs(Double(file.faulty) / Double(file.rows) - 0.02) < 0.008, "\(file.dataset) fault share")
        }
        let updates = Double(summary.files.reduce(0) { $0 + $1.updates })
        #expect(updates / total > 0.002 && updates / total < 0.008, "update share \(updates / total)")
        let others = summary.files.filter { $0.dataset != "market.registration" }
        let unregistered = Double(others.reduce(0) { $0 + $1.unregistered })
        let share = unregistered / Double(others.reduce(0) { $0 + $1.rows })
        #expect(share > 0.001 && share < 0.012, "unregistered share \(share)")
        #expect(summary.file("market.registration")?.unregistered == 0)

        // Firms marked unregistered in the truth file have data but no registration row.
        let truth = try GeneratorFixture.truth(city)
        let registered = Set(try GeneratorFixture.table(city, "market.registration").dropFirst().map { $0[1] })
        let ghosts = truth.filter { $0.value["registered"] == "0" }.map(\.key)
        #expect(ghosts.count == summary.unregisteredFirms)
        #expect(ghosts.allSatisfy { !registered.contains($0) })
        #expect(registered.count >= summary.enterprises - (summary.file("market.registration")?.faulty ?? 0))
    }

    @Test("tax files are GB18030 with CRLF and decode to the same text as a UTF-8 run")
    func gb18030RoundTrip() throws {
        // Registration and penalties carry Chinese text, so include them to exercise real transcoding.
        let gbSet: Set<String> = ["tax.rating", "tax.payment", "market.registration", "admin.penalty"]
        let gb = try GeneratorFixture.generate("gb", enterprises: 300, months: 12) { $0.gb18030Datasets = gbSet }
        let utf = try GeneratorFixture.generate("utf", enterprises: 300, months: 12) { $0.gb18030Datasets = [] }
        for id in gbSet {
            let raw = try GeneratorFixture.bytes(gb.directory.appendingPathComponent(id + ".csv"))
            let decoded = try Transcoder.convert(raw, from: .gb18030, to: .utf8)
            var expected = try GeneratorFixture.bytes(utf.directory.appendingPathComponent(id + ".csv"))
            if expected.starts(with: EncodingSniffer.utf8BOM) { expected.removeFirst(3) }
            #expect(decoded == expected, "\(id) does not round-trip")
        }
        let registration = try GeneratorFixture.bytes(gb.directory.appendingPathComponent("market.registration.csv"))
        #expect(!EncodingSniffer.isValidUTF8(Array(registration.prefix(4_096)), allowTruncatedEnd: true))

        let city = try GeneratorFixture.city()
        for id in ["tax.rating", "tax.payment"] {
            let text = try GeneratorFixture.text(city.directory.appendingPathComponent(id + ".csv"), encoding: .gb18030)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.allSatisfy { $0.hasSuffix("\r") }, "\(id) uses CRLF")
            #expect(city.summary.file(id)?.encoding == .gb18030)
        }
        let registrationBytes = try GeneratorFixture.bytes(city.directory.appendingPathComponent("market.registration.csv"))
        #expect(registrationBytes.starts(with: EncodingSniffer.utf8BOM))
        let penalties = try GeneratorFixture.bytes(city.directory.appendingPathComponent("admin.penalty.csv"))
        #expect(!penalties.contains(0x0D) && !penalties.starts(with: EncodingSniffer.utf8BOM))
    }

    @Test("hidden health drives arrears, late bills, lawsuits; integrity drives penalties")
    func traitsDriveOutcomes() throws {
        let city = try GeneratorFixture.city()
        let truth = try GeneratorFixture.truth(city)
        let health = truth.compactMapValues { $0["health"].flatMap(Double.init) }
        let integrity = truth.compactMapValues { $0["integrity"].flatMap(Double.init) }

        /// Mean of per-firm values in the lowest and highest quintile of a trait.
        func extremes(_ trait: [String: Double], _ perFirm: [String: Double], default value: Double = 0) -> (low: Double, high: Double) {
            let sorted = trait.sorted { $0.value < $1.value }.map(\.key)
            let n = sorted.count / 5
            func mean(_ keys: ArraySlice<String>) -> Double { keys.map { perFirm[$0] ?? value }.reduce(0, +) / Double(max(keys.count, 1)) }
            return (mean(sorted.prefix(n)), mean(sorted.suffix(n)))
        }
        /// Per firm, the mean of a numeric column (or, with `positive`, the share of rows where it is > 0).
        func perFirmMean(_ id: String, column: Int, positive: Bool = false) throws -> [String: Double] {
            var sums: [String: (Double, Int)] = [:]
            for row in try GeneratorFixture.table(city, id).dropFirst() {
                guard var v = Double(row[column]), v >= 0 else { continue }
                if positive { v = v > 0 ? 1 : 0 }
                let s = sums[row[1]] ?? (0, 0)
                sums[row[1]] = (s.0 + v, s.1 + 1)
            }
            return sums.mapValues { $0.0 / Double($0.1) }
        }
        func perFirmCount(_ id: String, where keep: ([String]) -> Bool = { _ in true }) throws -> [String: Double] {
            var counts: [String: Double] = [:]
            for row in try GeneratorFixture.table(city, id).dropFirst() where keep(row) { counts[row[1], default: 0] += 1 }
            return counts
        }

        // Shares of periods in arrears: amounts would mostly measure firm size.
        let arrears = extremes(health, try perFirmMean("tax.payment", column: 4, positive: true))
        #expect(arrears.low > 5 * arrears.high, "periods with tax arrears \(arrears)")
        let late = extremes(health, try perFirmMean("utility.payment", column: 6))
        #expect(late.low > 3 * late.high, "days late \(late)")
        let insuranceArrears = extremes(health, try perFirmMean("social.insurance", column: 4, positive: true))
        #expect(insuranceArrears.low > insuranceArrears.high, "social insurance arrears \(insuranceArrears)")
        let sued = extremes(health, try perFirmCount("judicial.case") { $0[4] == "被告" })
        #expect(sued.low > 2 * sued.high, "cases as defendant \(sued)")
        let penaltiesByIntegrity = extremes(integrity, try perFirmCount("admin.penalty"))
        #expect(penaltiesByIntegrity.low > 3 * penaltiesByIntegrity.high, "penalties by integrity \(penaltiesByIntegrity)")
        let penaltiesByHealth = extremes(health, try perFirmCount("admin.penalty"))
        #expect(penaltiesByHealth.low > penaltiesByHealth.high, "penalties by health \(penaltiesByHealth)")
        let dishonest = try perFirmCount("judicial.dishonest")
        let listedHealth = dishonest.keys.compactMap { health[$0] }
        #expect(!listedHealth.isEmpty && listedHealth.reduce(0, +) / Double(listedHealth.count) < 0.3, "dishonest debtors' health")

        // Staff shrink over the window for the weakest firms and grow for the strongest.
        var firstLast: [String: (Int, Int)] = [:]
        for row in try GeneratorFixture.table(city, "social.insurance").dropFirst() {
            guard let n = Int(row[3]), n >= 0, row[2].count == 7 else { continue }
            firstLast[row[1]] = (firstLast[row[1]]?.0 ?? n, n)
        }
        let trend = extremes(health, firstLast.mapValues { Double($0.1 - $0.0) / Double(max($0.0, 1)) })
        #expect(trend.low < 0 && trend.high > 0, "headcount trend \(trend)")
    }

    @Test("tax grades are distributed believably and follow health")
    func taxGrades() throws {
        let city = try GeneratorFixture.city()
        let truth = try GeneratorFixture.truth(city)
        let rows = try GeneratorFixture.table(city, "tax.rating").dropFirst().filter { ["A", "B", "M", "C", "D"].contains($0[3]) }
        var counts: [String: Int] = [:]
        var healthByGrade: [String: [Double]] = [:]
        for row in rows {
            counts[row[3], default: 0] += 1
            if let h = truth[row[1]]?["health"].flatMap(Double.init) { healthByGrade[row[3], default: []].append(h) }
        }
        let n = Double(rows.count)
        func share(_ g: String) -> Double { Double(counts[g] ?? 0) / n }
        #expect(counts.max { $0.value < $1.value }?.key == "B", "B is the most common grade: \(counts)")
        #expect((0.05...0.25).contains(share("A")), "A share \(share("A"))")
        #expect((0.40...0.75).contains(share("B")), "B share \(share("B"))")
        #expect((0.03...0.25).contains(share("C")), "C share \(share("C"))")
        #expect((0.002...0.06).contains(share("D")), "D share \(share("D"))")
        #expect((0.03...0.25).contains(share("M")), "M share \(share("M"))")
        func mean(_ g: String) -> Double { (healthByGrade[g] ?? []).reduce(0, +) / Double(max(healthByGrade[g]?.count ?? 0, 1)) }
        #expect(mean("A") > mean("B") && mean("B") > mean("C") && mean("C") > mean("D"))
    }

    @Test("the register looks like Dalian")
    func registerIsBelievable() throws {
        let city = try GeneratorFixture.city()
        // Valid rows, the latest version of each record (updates replace earlier versions).
        var latest: [String: [String]] = [:]
        let validator = try PlatformCheck.validator("market.registration")
        for row in try GeneratorFixture.table(city, "market.registration").dropFirst() where validator.reasons(row).isEmpty {
            latest[row[0]] = row
        }
        let rows = Array(latest.values)
        func counts(_ column: Int) -> [String: Int] { rows.reduce(into: [:]) { $0[$1[column], default: 0] += 1 } }
        let type = counts(3), industry = counts(8), district = counts(9), scale = counts(10)
        #expect(scale["微型", default: 0] > scale["小型", default: 0] && scale["小型", default: 0] > scale["中型", default: 0]
                && scale["中型", default: 0] > scale["大型", default: 0] && scale["大型", default: 0] > 0)
        #expect(type["企业", default: 0] > type["个体工商户", default: 0] && type["农民专业合作社", default: 0] > 0)
        #expect(Set(district.keys) == ["210202", "210203", "210204", "210211", "210212", "210213", "210214", "210224", "210281", "210283"])
        #expect(district["210211", default: 0] > district["210224", default: 0] * 5)
        #expect(industry.max { $0.value < $1.value }?.key == "F", "wholesale and retail lead: \(industry)")
        let years = rows.compactMap { Int($0[7].prefix(4)) }
        #expect((years.max() ?? 0) - (years.min() ?? 0) >= 20)
        #expect(years.filter { $0 >= 2024 }.count > rows.count / 10, "some young firms")
        for row in rows {
            let prefix = row[1].prefix(2)
            let expected = ["企业": "91", "个体工商户": "92", "农民专业合作社": "93"][row[3]]
            #expect(String(prefix) == expected, "USCC prefix of \(row[3])")
            #expect(row[1].dropFirst(2).prefix(6) == row[9], "district in USCC")
            #expect(CityGenerator.IDNumbers.residentCheck(String(row[5].prefix(17))) == row[5].last && row[5].hasPrefix("2102"), "ID \(row[5])")
        }
        #expect(Set(rows.map { $0[1] }).count == rows.count, "USCCs are unique")
        #expect(Set(rows.map { $0[2] }).count == rows.count, "names are unique")
    }
}
