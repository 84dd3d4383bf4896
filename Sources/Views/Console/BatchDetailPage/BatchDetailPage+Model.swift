extension BatchDetailPage {
    /// `GET /console/batches/{id}?page=`: one batch's outcome and its quarantined rows.
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var batch: BatchRow
        /// `CSV` or `JSON Lines`.
        public var format: String
        /// The detected encoding, e.g. `UTF-8`, `UTF-8（BOM）`, `GB18030`.
        public var encoding: String
        /// Processing time; `nil` while pending or processing.
        public var durationMilliseconds: Int?
        /// Who uploaded the file, e.g. `李娜（市场监管局）`.
        public var uploadedBy: String?
        /// Why the whole file was rejected (status `failed`), e.g. `未知列：foo`.
        public var failureReason: String?
        /// The batch this file repeats, when it had been loaded before.
        public var resendOf: String? = nil
        /// The current page of quarantined rows, by line number.
        public var quarantine: [QuarantineRow]
        /// Path `/console/batches/{id}`, fragment `quarantine`.
        public var quarantinePagination: Pagination

        public init(context: PageContext, batch: BatchRow, format: String, encoding: String, durationMilliseconds: Int?,
                    uploadedBy: String? = nil, failureReason: String? = nil, quarantine: [QuarantineRow],
                    quarantinePagination: Pagination) {
            self.context = context; self.batch = batch; self.format = format; self.encoding = encoding
            self.durationMilliseconds = durationMilliseconds; self.uploadedBy = uploadedBy
            self.failureReason = failureReason; self.quarantine = quarantine
            self.quarantinePagination = quarantinePagination
        }
    }

    /// One rejected row (or one rejected field of a row).
    public struct QuarantineRow: Sendable, Equatable {
        /// The line in the file (the CSV header is line 1).
        public var lineNumber: Int
        /// The offending field by its catalog label (`缴费类别`), `nil` for a row-level problem.
        public var field: String?
        /// Why it was rejected, in Chinese, e.g. `统一社会信用代码校验位错误`.
        public var reason: String
        /// The raw value as received (or the raw line), shown verbatim.
        public var rawValue: String?

        public init(lineNumber: Int, field: String?, reason: String, rawValue: String?) {
            self.lineNumber = lineNumber; self.field = field; self.reason = reason; self.rawValue = rawValue
        }
    }
}
