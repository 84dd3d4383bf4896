import Foundation
@testable import Domain
@testable import DemoCity

/// A demo city generated once and shared by the generator tests, plus a small CSV reader and the catalog
/// written out independently of the generator's own schema.
struct GeneratedCity: Sendable {
    let directory: URL
    let summary: GenerationSummary
    let config: CityGenerator.Config
}

enum GeneratorFixture {
    /// 2026-03-15 10:00 in Shanghai.
    static let asOf = Date(timeIntervalSince1970: 1_773_540_000)

    /// This test process's folder, removed when the process exits.
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("xyd-generator-tests-\(ProcessInfo.processInfo.processIdentifier)")
        atexit { try? FileManager.default.removeItem(at: GeneratorFixture.root) }
        return root
    }()

    static func temporaryDirectory(_ name: String) -> URL {
        root.appendingPathComponent(name)
    }

    static func generate(_ name: String, enterprises: Int, months: Int = 24, seed: UInt64 = 2_026,
                         adjust: (inout CityGenerator.Config) -> Void = { _ in }) throws -> GeneratedCity {
        var config = CityGenerator.Config(asOf: asOf, enterprises: enterprises, months: months, seed: seed)
        adjust(&config)
        let directory = temporaryDirectory(name)
        try? FileManager.default.removeItem(at: directory)
        let summary = try CityGenerator(config: config).write(to: directory)
        return GeneratedCity(directory: directory, summary: summary, config: config)
    }

    private static let sharedCity = Result { try generate("shared", enterprises: 1_500) }

    /// 1,500 firms × 24 months with the default configuration.
    static func city() throws -> GeneratedCity { try sharedCity.get() }

    // MARK: Reading files

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// A file's text as UTF-8, decoding GB18030 with the platform's Transcoder and dropping a BOM.
    static func text(_ url: URL, encoding: TextEncoding) throws -> String {
        var raw = try bytes(url)
        if encoding == .gb18030 { raw = try Transcoder.convert(raw, from: .gb18030, to: .utf8) }
        if raw.starts(with: EncodingSniffer.utf8BOM) { raw.removeFirst(3) }
        return String(decoding: raw, as: UTF8.self)
    }

    /// Parses CSV with the platform's own parser; the first row is the header.
    static func parse(_ text: String) -> [[String]] {
        var parser = CSVParser()
        var rows: [[String]] = []
        parser.feed(Array(text.utf8), into: &rows)
        parser.finish(into: &rows)
        return rows
    }

    static func table(_ city: GeneratedCity, _ dataset: String) throws -> [[String]] {
        let encoding: TextEncoding = city.config.gb18030Datasets.contains(dataset) ? .gb18030 : .utf8
        return parse(try text(city.directory.appendingPathComponent(dataset + ".csv"), encoding: encoding))
    }

    /// Planted faults: dataset → line → kind.
    static func faults(_ city: GeneratedCity) throws -> [String: [Int: String]] {
        let rows = parse(try text(city.directory.appendingPathComponent(CityGenerator.faultsFile), encoding: .utf8))
        var result: [String: [Int: String]] = [:]
        for row in rows.dropFirst() where row.count == 4 {
            result[row[0], default: [:]][Int(row[1]) ?? 0] = row[3]
        }
        return result
    }

    /// Hidden traits by USCC.
    static func truth(_ city: GeneratedCity) throws -> [String: [String: String]] {
        let rows = parse(try text(city.directory.appendingPathComponent(CityGenerator.truthFile), encoding: .utf8))
        guard let header = rows.first else { return [:] }
        var result: [String: [String: String]] = [:]
        for row in rows.dropFirst() {
            result[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row))
        }
        return result
    }
}

/// The platform's own catalog and record validator, which the generated files must satisfy.
enum PlatformCheck {
    private static let bundled = Result<Catalog, any Error> { try CatalogLoader.bundled() }

    static func catalog() throws -> Catalog { try bundled.get() }

    static func header(_ dataset: String) throws -> [String] {
        Catalog.commonColumns + (try catalog().require(dataset)).fields.map(\.name)
    }

    /// The validator for one dataset's file, with the header the catalog prescribes.
    static func validator(_ dataset: String, today: Day = Day(GeneratorFixture.asOf)) throws -> RecordValidator {
        try RecordValidator(dataset: try catalog().require(dataset), columns: try header(dataset), today: today)
    }
}

extension RecordValidator {
    /// Why a data row is rejected ("field=value: reason"), or nothing when it is valid.
    func reasons(_ row: [String]) -> [String] {
        switch validate(row, rowNumber: 0) {
        case .valid: []
        case .rejected(let rejected): rejected.problems.map { "\($0.field)=\($0.value): \($0.reason)" }
        }
    }
}
