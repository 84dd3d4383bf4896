import Foundation
@testable import DemoCity
@testable import Domain

/// Reads the demo city's department files into stored records the way ingest would: sniffed encoding,
/// CSV parsing, catalog validation; later rows with the same record id become higher versions.
enum DemoCityLoader {
    struct TruthRow { var uscc: String; var registered: Bool; var health: Double }

    static func records(in directory: URL, catalog: Catalog, today: Day) throws -> [StoredRecord] {
        var records: [StoredRecord] = []
        for (batch, dataset) in catalog.datasets.enumerated() {
            let rows = try rows(of: directory.appendingPathComponent(dataset.id + ".csv"))
            guard let header = rows.first else { continue }
            let validator = try RecordValidator(dataset: dataset, columns: header, today: today)
            var versions: [String: Int] = [:]
            for (index, row) in rows.dropFirst().enumerated() {
                guard case .valid(let valid) = validator.validate(row, rowNumber: index + 2) else { continue }
                let version = (versions[valid.recordID] ?? 0) + 1
                versions[valid.recordID] = version
                let content = (try? JSONDecoder().decode([String: String].self, from: Data(valid.content.utf8))) ?? [:]
                records.append(StoredRecord(dataset: dataset.id, recordID: valid.recordID, uscc: valid.uscc, content: content,
                                            eventDate: valid.eventDate, collectedAt: Date(timeIntervalSince1970: 0),
                                            version: version, batchID: Int64(batch), sourceDepartment: dataset.department))
            }
        }
        return records
    }

    static func truth(in directory: URL) throws -> [TruthRow] {
        let rows = try rows(of: directory.appendingPathComponent(CityGenerator.truthFile))
        guard let header = rows.first, let u = header.firstIndex(of: "uscc"), let r = header.firstIndex(of: "registered"),
              let h = header.firstIndex(of: "health") else { return [] }
        return rows.dropFirst().compactMap { row in
            guard row.count == header.count, let health = Double(row[h]) else { return nil }
            return TruthRow(uscc: row[u], registered: row[r] == "1", health: health)
        }
    }

    static func rows(of url: URL) throws -> [[String]] {
        var bytes = [UInt8](try Data(contentsOf: url))
        let sniffed = EncodingSniffer.sniff(Array(bytes.prefix(65_536)))
        bytes.removeFirst(sniffed.bomLength)
        if sniffed.encoding != .utf8 { bytes = try Transcoder.convert(bytes, from: sniffed.encoding, to: .utf8) }
        var parser = CSVParser()
        var rows: [[String]] = []
        parser.feed(bytes, into: &rows)
        parser.finish(into: &rows)
        return rows
    }
}
