import Domain
import Foundation

extension CityGenerator {
    /// One department file: assigns record ids, plants faults, schedules updates and re-sent duplicates a
    /// little later in the file, counts everything, and logs each planted fault to `_faults.csv`.
    final class DatasetSink {
        let schema: DatasetSchema
        let encoding: TextEncoding
        private let writer: CSVWriter
        private let faultLog: CSVWriter?
        private var rng: Xoshiro256
        private let faultRate: Double
        private let updateRate: Double
        private let asOf: CivilDay
        private let faultKinds: [FaultKind]

        private var nextRecord = 1
        private var dataRows = 0
        private var faults: [FaultKind: Int] = [:]
        private var updates = 0
        private var unregistered = 0

        /// Rows to re-send later, due in order of `dueAt` (a data-row count).
        private var pending: [(dueAt: Int, row: [String], isUpdate: Bool)] = []
        private var pendingHead = 0
        private var lastDue = 0

        init(schema: DatasetSchema, file: URL, encoding: TextEncoding, lineEnding: CSVWriter.LineEnding,
             byteOrderMark: Bool, faultRate: Double, updateRate: Double, seed: UInt64, asOf: CivilDay,
             faultLog: CSVWriter?) throws {
            self.schema = schema
            self.encoding = encoding
            writer = try CSVWriter(url: file, encoding: encoding,
                                   lineEnding: lineEnding, byteOrderMark: byteOrderMark)
            self.faultLog = faultLog
            rng = Xoshiro256(seed: seed, item: -1, stream: DemoCatalog.schemas.firstIndex { $0.id == schema.id } ?? 99)
            self.faultRate = faultRate
            self.updateRate = updateRate
            self.asOf = asOf
            faultKinds = Faults.applicableKinds(schema)
            try writer.write(schema.header)
        }

        var rowsWritten: Int { dataRows }

        /// Writes a row given as `[uscc, field…]` (no record_id), for a firm that is or is not registered.
        func emit(_ fields: [String], unregistered isUnregistered: Bool = false) throws {
            try releaseDue()
            var row = [String]()
            row.reserveCapacity(fields.count + 1)
            row.append(schema.recordPrefix + "-" + IDNumbers.pad(nextRecord, 8))
            row.append(contentsOf: fields)
            nextRecord += 1
            if isUnregistered { unregistered += 1 }

            if faultRate > 0, rng.chance(faultRate) {
                let kind = rng.pick(faultKinds)
                if kind == .duplicate {
                    try put(row)
                    if rng.chance(0.5) {
                        try put(row, fault: .duplicate)
                    } else {
                        schedule(row, isUpdate: false)
                    }
                } else {
                    Faults.apply(kind, to: &row, schema: schema, asOf: asOf, &rng)
                    try put(row, fault: kind)
                }
                return
            }
            try put(row)
            if updateRate > 0, rng.chance(updateRate) {
                var amended = row
                if Amendments.amend(&amended, schema: schema, asOf: asOf, &rng) {
                    schedule(amended, isUpdate: true)
                }
            }
        }

        /// Writes what is still pending and closes the file.
        func finish() throws -> GenerationSummary.File {
            while pendingHead < pending.count { try releaseNext() }
            try writer.close()
            return GenerationSummary.File(dataset: schema.id, fileName: writer.url.lastPathComponent, encoding: encoding,
                                          rows: dataRows, bytes: writer.bytesWritten, faults: faults,
                                          updates: updates, unregistered: unregistered)
        }

        private func put(_ row: [String], fault: FaultKind? = nil) throws {
            try writer.write(row)
            dataRows += 1
            if let fault {
                faults[fault, default: 0] += 1
                // Line numbers count the header as line 1; no generated field holds a line break.
                try faultLog?.write([schema.id, String(dataRows + 1), row[0], fault.rawValue])
            }
        }

        private func schedule(_ row: [String], isUpdate: Bool) {
            lastDue = max(lastDue, dataRows + rng.int(20...3_000))
            pending.append((lastDue, row, isUpdate))
        }

        private func releaseDue() throws {
            while pendingHead < pending.count, pending[pendingHead].dueAt <= dataRows { try releaseNext() }
            if pendingHead > 1_024, pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
        }

        private func releaseNext() throws {
            let item = pending[pendingHead]
            pendingHead += 1
            if item.isUpdate {
                updates += 1
                try put(item.row)
            } else {
                try put(item.row, fault: .duplicate)
            }
        }
    }
}
