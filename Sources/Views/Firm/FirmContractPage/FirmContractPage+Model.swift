import Domain
import Foundation

/// The loan contract of an approved application (/firm/applications/:id/contract): the key terms, the first and the
/// total repayment, the whole plan, and signing with the code sent to the firm's phone; once signed, the PDF and its
/// digest.
public enum FirmContractPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var contract: LoanContract
        public var status: ApplicationStatus
        /// The SHA-256 of the signed PDF (as logged), once signed.
        public var signedDigest: String?
        /// Where a download of the signed PDF is (the firm's or the bank's path).
        public var pdfPath: String
        /// Whether this viewer signs (the firm) or only reads (the lender, the credit center).
        public var maySign: Bool

        public init(context: PageContext, contract: LoanContract, status: ApplicationStatus, signedDigest: String?, pdfPath: String,
                    maySign: Bool) {
            self.context = context; self.contract = contract; self.status = status; self.signedDigest = signedDigest
            self.pdfPath = pdfPath; self.maySign = maySign
        }
    }
}
