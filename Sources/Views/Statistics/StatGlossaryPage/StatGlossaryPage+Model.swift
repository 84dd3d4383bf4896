import Domain

/// The glossary of the indicators (/console/stats/glossary): each indicator under its code as anchor, with its name,
/// group, unit, written definition, how it is computed (from its formula) and the catalog version.
public enum StatGlossaryPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var indicators: [Indicator]
        public var catalogVersion: Int
        /// False for the read-only departments.
        public var mayManage: Bool

        public init(context: PageContext, indicators: [Indicator] = IndicatorCatalog.all, catalogVersion: Int = IndicatorCatalog.version,
                    mayManage: Bool = true) {
            self.context = context; self.indicators = indicators; self.catalogVersion = catalogVersion; self.mayManage = mayManage
        }
    }
}
