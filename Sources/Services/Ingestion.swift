import Foundation
import FluentKit
import Domain
import Logging
import Persistence

/// The one path every batch takes (API, web upload, command line, demo): load, count, log.
public enum Ingestion {
    public static func load<Chunks: AsyncSequence & Sendable>(
        _ context: ServiceContext, dataset: DatasetSpec, principal: Principal, source: BatchSource, fileName: String,
        format: FileFormat?, encoding: TextEncoding? = nil, chunks: Chunks,
        progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) async throws -> BatchSummary where Chunks.Element == [UInt8] {
        let request = BatchRequest(dataset: dataset, departmentID: principal.department?.id, source: source,
                                   fileName: fileName, format: format, encoding: encoding, submittedBy: principal.name,
                                   today: context.clock.today)
        let summary = try await context.ingestor.ingest(request, chunks: chunks, progress: progress)
        let metrics = context.platform.metrics
        metrics.increment("xyd_ingest_batches_total", labels: [("dataset", dataset.id)])
        for (outcome, count) in [("inserted", summary.inserted), ("updated", summary.updated),
                                 ("duplicate", summary.duplicates), ("rejected", summary.rejected)] {
            metrics.increment("xyd_ingest_rows_total", labels: [("dataset", dataset.id), ("outcome", outcome)], by: Double(count))
        }
        context.database.logger.info("batch loaded", metadata: [
            "batch": "\(summary.id)", "dataset": "\(dataset.id)", "file": "\(fileName)", "source": "\(source.rawValue)",
            "submitted": "\(summary.submitted)", "inserted": "\(summary.inserted)", "updated": "\(summary.updated)",
            "duplicates": "\(summary.duplicates)", "rejected": "\(summary.rejected)",
            "seconds": "\(String(format: "%.3f", summary.durationSeconds))",
        ])
        return summary
    }
}

/// The rejected rows of a batch as CSV the department can fix and resend: `_row` and `_errors` first
/// (ignored on import), then the original columns. Cells a spreadsheet would run as a formula are quoted
/// with a leading apostrophe (which spreadsheets show as text and do not save).
public enum QuarantineExport {
    public static func csv(batch: BatchSummary, rows: [QuarantinedRow], catalog: Catalog) -> String {
        let columns = batch.columns.filter { !RecordValidator.annotationColumns.contains($0) }
        let header = columns.isEmpty ? (rows.first?.raw.map { $0.first ?? "" } ?? []) : columns
        var out = "\u{FEFF}" + CSVWriting.line(["_row", "_errors"] + header)
        for row in rows {
            let errors = row.problems.map { "\(catalog.fieldLabel(dataset: batch.dataset, field: $0.field))：\($0.reason)" }
                .joined(separator: "；")
            var values: [String: String] = [:]
            for pair in row.raw where pair.count == 2 { values[pair[0]] = pair[1] }
            out += CSVWriting.line([String(row.rowNumber), errors] + header.map { CSVWriting.spreadsheetSafe(values[$0] ?? "") })
        }
        return out
    }
}
