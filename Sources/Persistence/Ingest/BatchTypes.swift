import Synchronization
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
    /// Where a batch is: reading and checking the file (the writer following), writing what is left once the file
    /// is read, or closing the batch (its digest, the corrected quarantine, the transparency log).
    public enum Stage: String, Sendable {
        case reading, writing, finishing

        /// What the upload page says.
        public var label: String {
            switch self {
            case .reading: "正在读取并校验"
            case .writing: "文件已读完，正在写入数据库"
            case .finishing: "正在完成批次并记入透明日志"
            }
        }
    }

    public var bytesRead: Int64
    /// Rows read and checked.
    public var rows: Int
    /// Rows the writer has stored (accepted, duplicates and rejected alike).
    public var written: Int
    public var stage: Stage

    public init(bytesRead: Int64, rows: Int, written: Int = 0, stage: Stage = .reading) {
        self.bytesRead = bytesRead; self.rows = rows; self.written = written; self.stage = stage
    }
}

/// The reader's and the writer's figures of one batch, merged for whoever follows its progress (both tasks report).
final class ProgressTracker: Sendable {
    private let state = Mutex(IngestProgress(bytesRead: 0, rows: 0))
    private let report: (@Sendable (IngestProgress) -> Void)?

    init(_ report: (@Sendable (IngestProgress) -> Void)?) { self.report = report }

    func read(bytes: Int64, rows: Int) { update { $0.bytesRead = bytes; $0.rows = rows } }
    func readAll() { update { $0.stage = .writing } }
    func wrote(_ rows: Int) { update { $0.written = rows } }
    func finishing() { update { $0.stage = .finishing } }

    private func update(_ change: (inout IngestProgress) -> Void) {
        guard let report else { return }
        report(state.withLock { change(&$0); return $0 })
    }
}

/// One rejected row as stored in the quarantine.
public struct QuarantinedRow: Sendable, Codable, Equatable {
    public var rowNumber: Int
    public var problems: [FieldProblem]
    /// The submitted row, column → value, in file order.
    public var raw: [[String]]
}
