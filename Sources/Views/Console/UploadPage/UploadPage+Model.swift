extension UploadPage {
    /// `GET /console/upload` (and the re-rendered form after a failed `POST /console/upload`).
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// The datasets this user may upload to, in display order.
        public var datasets: [DatasetChoice]
        /// Pre-selects a dataset (e.g. after an error, or `?dataset=` from the catalog).
        public var selectedDatasetID: String?
        /// Why the last upload was refused, e.g. `请选择文件`.
        public var errorMessage: String?
        /// The upload size limit, shown in the help text when given.
        public var maxFileSizeBytes: Int?

        public init(context: PageContext, datasets: [DatasetChoice], selectedDatasetID: String? = nil,
                    errorMessage: String? = nil, maxFileSizeBytes: Int? = nil) {
            self.context = context; self.datasets = datasets; self.selectedDatasetID = selectedDatasetID
            self.errorMessage = errorMessage; self.maxFileSizeBytes = maxFileSizeBytes
        }
    }

    /// A dataset in the select: `market.registration · 企业登记信息`.
    public struct DatasetChoice: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
}
