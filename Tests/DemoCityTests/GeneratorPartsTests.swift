import Foundation
import Testing
@testable import Domain
@testable import DemoCity

@Suite("Demo city generator parts")
struct GeneratorPartsTests {
    typealias G = CityGenerator

    @Test("xoshiro256** is reproducible and spreads draws evenly")
    func random() {
        var a = G.Xoshiro256(seed: 42)
        var b = G.Xoshiro256(seed: 42)
        var c = G.Xoshiro256(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { buckets[a.below(10)] += 1 }
        #expect(buckets.allSatisfy { (9_500...10_500).contains($0) })
        let mean = (0..<20_000).map { _ in Double(a.poisson(3)) }.reduce(0, +) / 20_000
        #expect(abs(mean - 3) < 0.1)
    }

    @Test("the generator's districts are the ones the catalog names")
    func districtsMatchTheCatalog() throws {
        let catalog = try CatalogLoader.bundled()
        #expect(G.Dalian.districts.map { [$0.code, $0.name] } == Reference.districts(in: catalog).map { [$0.0, $0.1] })
    }

    @Test("civil dates round-trip and the as-of instant is read in Asia/Shanghai")
    func dates() {
        let day = G.CivilDay(year: 2024, month: 2, day: 29)
        #expect(day.text == "2024-02-29")
        #expect((day + 1).text == "2024-03-01")
        #expect(day.addingYears(1).text == "2025-02-28")
        #expect(G.CivilDay(year: 1970, month: 1, day: 1).number == 0)
        #expect(G.Month(year: 2026, month: 1).lastDay.text == "2026-01-31")
        #expect((G.Month(year: 2026, month: 1) - 1).text == "2025-12")
        // 2026-03-14 17:00 UTC is already the 15th in Shanghai.
        #expect(G.CivilDay(Day(Date(timeIntervalSince1970: 1_773_507_600))).text == "2026-03-15")
        let timeline = G.Timeline(asOf: G.CivilDay(year: 2026, month: 3, day: 15), months: 24)
        #expect(timeline.firstMonth.text == "2024-04" && timeline.lastMonth.text == "2026-03")
        #expect(timeline.ratingYears == [2023, 2024])
    }

    @Test("resident ID numbers carry the GB 11643 check character")
    func residentIDs() {
        #expect(G.IDNumbers.residentCheck("11010519491231002") == "X")
        #expect(G.IDNumbers.residentCheck("21020219800101001") == "6")
        var rng = G.Xoshiro256(seed: 1)
        for _ in 0..<200 {
            let male = rng.chance(0.5)
            let id = G.IDNumbers.resident(birth: G.CivilDay(year: 1975, month: 6, day: 1) + rng.below(9_000), male: male, &rng)
            #expect(id.count == 18 && id.hasPrefix("2102"))
            #expect(G.IDNumbers.residentCheck(String(id.prefix(17))) == id.last)
            let sequenceDigit = Int(String(Array(id)[16])) ?? 0
            #expect((sequenceDigit % 2 == 1) == male)
        }
    }

    @Test("firms get valid, unique USCCs whatever their serial")
    func firmCodes() throws {
        var factory = G.FirmFactory(seed: 7, asOf: G.CivilDay(year: 2026, month: 3, day: 15))
        var codes = Set<String>()
        for serial in 0..<3_000 {
            let firm = try factory.make(serial: serial)
            try USCC.validate(firm.uscc)
            #expect(firm.uscc.hasPrefix(firm.type.usccPrefix + firm.place.code))
            #expect((0...1).contains(firm.health) && (0...1).contains(firm.integrity))
            codes.insert(firm.uscc)
        }
        #expect(codes.count == 3_000)
        #expect(G.IDNumbers.organisationPart(serial: 12, modern: false).count == 9)
        #expect(G.IDNumbers.organisationPart(serial: 12, modern: true).hasPrefix("MA0"))
    }

    @Test("patent numbers carry their check character")
    func patents() {
        // Weights 2–9, 2–5 over the twelve digits 201220123456, sum mod 11.
        #expect(G.IDNumbers.patent(year: 2012, kindDigit: 2, serial: 123_456) == "ZL201220123456.3")
        #expect(G.IDNumbers.patent(year: 2023, kindDigit: 1, serial: 1).hasPrefix("ZL202310000001."))
    }

    @Test("CSV fields are quoted only when needed, quotes doubled")
    func csvQuoting() {
        var buffer: [UInt8] = []
        G.CSVWriter.appendField("给付货款1,234.00元", to: &buffer)
        buffer.append(0x2C)
        G.CSVWriter.appendField("辽宁省\"守合同重信用\"企业", to: &buffer)
        buffer.append(0x2C)
        G.CSVWriter.appendField("plain", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "\"给付货款1,234.00元\",\"辽宁省\"\"守合同重信用\"\"企业\",plain")
        #expect(GeneratorFixture.parse(String(decoding: buffer, as: UTF8.self)) == [["给付货款1,234.00元", "辽宁省\"守合同重信用\"企业", "plain"]])
    }

    @Test("amounts are written with two decimals")
    func amounts() {
        #expect(G.Format.cents(0) == "0.00")
        #expect(G.Format.cents(5) == "0.05")
        #expect(G.Format.cents(123_456) == "1234.56")
        #expect(G.Format.yuan(12.345_6) == "12.35")
        #expect(G.Format.grouped(123_456_789) == "1,234,567.89")
        #expect(G.Format.grouped(99) == "0.99")
    }

    @Test("bulk files have exactly the rows asked for, all valid, with unique record ids")
    func bulk() throws {
        let directory = GeneratorFixture.temporaryDirectory("bulk")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (dataset, count) in [("admin.penalty", 20_000), ("utility.payment", 5_000), ("market.registration", 1_000),
                                 ("credit.list", 2_000), ("tax.rating", 2_000)] {
            let file = directory.appendingPathComponent(dataset + ".csv")
            let written = try CityGenerator.writeBulk(dataset: dataset, rows: count, seed: 5, asOf: GeneratorFixture.asOf, to: file)
            #expect(written == count)
            let rows = GeneratorFixture.parse(try GeneratorFixture.text(file, encoding: .utf8))
            #expect(try rows.first == PlatformCheck.header(dataset))
            #expect(rows.count == count + 1)
            #expect(Set(rows.dropFirst().map { $0[0] }).count == count)
            let validator = try PlatformCheck.validator(dataset)
            let invalid = rows.dropFirst().first { !validator.reasons($0).isEmpty }
            #expect(invalid == nil, "\(dataset): \(invalid ?? [])")
        }
        let again = directory.appendingPathComponent("again.csv")
        _ = try CityGenerator.writeBulk(dataset: "admin.penalty", rows: 20_000, seed: 5, asOf: GeneratorFixture.asOf, to: again)
        #expect(try GeneratorFixture.bytes(again) == GeneratorFixture.bytes(directory.appendingPathComponent("admin.penalty.csv")))
        #expect(throws: DomainError.unknownDataset("admin.penalties")) {
            try CityGenerator.writeBulk(dataset: "admin.penalties", rows: 1, seed: 5, asOf: GeneratorFixture.asOf, to: again)
        }
    }

    @Test("invalid configurations are refused")
    func invalidConfig() {
        var config = CityGenerator.Config(asOf: GeneratorFixture.asOf, enterprises: 0)
        let directory = GeneratorFixture.temporaryDirectory("invalid")
        #expect(throws: DomainError.self) { try CityGenerator(config: config).write(to: directory) }
        config.enterprises = 10
        config.gb18030Datasets = ["tax.unknown"]
        #expect(throws: DomainError.unknownDataset("tax.unknown")) { try CityGenerator(config: config).write(to: directory) }
    }
}
