import Domain
import Foundation

/// The check of one access in the transparency log (/firm/access-log/:id/verify).
public enum FirmAccessProofPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var accessID: Int64
        public var verified: Bool
        public var message: String
        public var entry: String
        public var leafHash: String
        public var leafIndex: UInt64?
        public var treeSize: UInt64?
        public var rootHash: String?
        public var proof: [String]
        public var witnesses: [String]

        public init(
            context: PageContext, accessID: Int64, verified: Bool, message: String, entry: String, leafHash: String,
            leafIndex: UInt64?, treeSize: UInt64?, rootHash: String?, proof: [String], witnesses: [String]
        ) {
            self.context = context; self.accessID = accessID; self.verified = verified; self.message = message
            self.entry = entry; self.leafHash = leafHash; self.leafIndex = leafIndex; self.treeSize = treeSize
            self.rootHash = rootHash; self.proof = proof; self.witnesses = witnesses
        }
    }
}
