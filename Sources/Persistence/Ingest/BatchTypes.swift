import Domain
import Foundation

/// Where a batch came from.
public enum BatchSource: String, Sendable, Codable {
    case cli, api, web, demo
}

/// What a batch load needs to know besides the bytes.
public struct BatchRequest: Sendable {
    public var dataset: DatasetSpec
    public var departmentID: Int64?
    public var source: BatchSource
    public var fileName: String
    public var format: FileFormat?
    public var encoding: TextEncoding?
    public var submittedBy: String
    public var today: Day

    public init(dataset: DatasetSpec, departmentID: Int64?, source: BatchSource, fileName: String,
                format: FileFormat? = nil, encoding: TextEncoding? = nil, submittedBy: String, today: Day = .today()) {
        self.dataset = dataset; self.departmentID = departmentID; self.source = source; self.fileName = fileName
        self.format = format ?? FileFormat.fromFileName(fileName); self.encoding = encoding
        self.submittedBy = submittedBy; self.today = today
    }
}

/// The outcome of one batch: `accepted + rejected + duplicates == submitted` always holds.
public struct BatchSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var dataset: String
    public var departmentID: Int64?
    public var departmentName: String?
    public var source: String
    public var fileName: String
    public var format: String
    public var encoding: String
    public var columns: [String]
    public var submitted: Int
    /// New records.
    public var inserted: Int
    /// Records whose content changed (the previous version went to the history).
    public var updated: Int
    public var duplicates: Int
    public var rejected: Int
    /// SHA-256 over the hashes of the accepted rows in file order.
    public var digest: String
    public var startedAt: Date
    public var finishedAt: Date
    public var submittedBy: String
    /// SHA-256 of the file's bytes: a file sent again is recognised by it.
    public var contentDigest = ""
    /// When this file had already been loaded as that batch: nothing was changed this time, and the
    /// rejected rows are in that batch's quarantine.
    public var resendOf: Int64? = nil

    public var accepted: Int { inserted + updated }
    public var isBalanced: Bool { accepted + rejected + duplicates == submitted }
    public var durationSeconds: Double { finishedAt.timeIntervalSince(startedAt) }
}

/// Progress of a running load, for a terminal progress bar.
public struct IngestProgress: Sendable {
    public var bytesRead: Int64
    public var rows: Int
}

/// One rejected row as stored in the quarantine.
public struct QuarantinedRow: Sendable, Codable, Equatable {
    public var rowNumber: Int
    public var problems: [FieldProblem]
    /// The submitted row, column → value, in file order.
    public var raw: [[String]]
}
