import Foundation
import Domain

/// A file attached to an objection, as the pages list it: a download link with its size; the SHA-256 is in the
/// link's title (it is the digest the transparency log names).
public struct EvidenceLink: Sendable, Equatable {
    public var id: Int64
    public var fileName: String
    public var size: Int
    public var sha256: String
    public init(id: Int64, fileName: String, size: Int, sha256: String) {
        self.id = id; self.fileName = fileName; self.size = size; self.sha256 = sha256
    }

    var sizeText: String { size >= 1_048_576 ? String(format: "%.1f MB", Double(size) / 1_048_576) : "\(max(1, size / 1024)) KB" }

    /// The files as one cell: links under `prefix` (/firm/objections/evidence or /console/objections/evidence).
    static func cell(_ files: [EvidenceLink], prefix: String, empty: String = "无材料") -> PortalPage.Cell {
        guard !files.isEmpty else { return .text(empty) }
        return .links(files.map { .init("\($0.fileName)（\($0.sizeText)）", href: "\(prefix)/\($0.id)") })
    }
}
