import Domain
import Foundation

/// 待关联记录 (/console/unlinked): records filed under a USCC the registry does not know yet, so no profile shows them;
/// they link by themselves when the market regulator's registration of that firm arrives.
public enum UnlinkedRecordsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var rows: [Row]
        public var total: Int
        public var pagination: Pagination

        public init(context: PageContext, rows: [Row], total: Int, pagination: Pagination) {
            self.context = context; self.rows = rows; self.total = total; self.pagination = pagination
        }
    }

    public struct Row: Sendable, Equatable {
        public var uscc: String
        public var datasetName: String
        public var recordID: String
        public var batchID: Int64
        public var collectedAt: Date
        public init(uscc: String, datasetName: String, recordID: String, batchID: Int64, collectedAt: Date) {
            self.uscc = uscc; self.datasetName = datasetName; self.recordID = recordID; self.batchID = batchID
            self.collectedAt = collectedAt
        }
    }
}
