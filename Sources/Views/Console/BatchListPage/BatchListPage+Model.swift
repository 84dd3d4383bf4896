extension BatchListPage {
    /// `GET /console/batches?page=&dataset=`.
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// Newest first.
        public var batches: [BatchRow]
        /// Dataset filter (value = dataset id, label = Chinese name); a leading "全部数据集" option is added by the view.
        public var datasetOptions: [SelectOption]
        /// Path `/console/batches`, query `dataset`.
        public var pagination: Pagination

        public init(context: PageContext, batches: [BatchRow], datasetOptions: [SelectOption], pagination: Pagination) {
            self.context = context; self.batches = batches; self.datasetOptions = datasetOptions
            self.pagination = pagination
        }
    }
}
