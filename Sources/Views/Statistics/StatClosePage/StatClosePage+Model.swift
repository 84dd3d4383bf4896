import Domain

/// The monthly close (/console/stats/close): each month with its status, digest and who closed it when, the log of
/// closes and re-openings with their reasons, the form to close a month and the one to re-open it with a reason.
public enum StatClosePage {
    public enum MonthStatus: String, Sendable, Equatable {
        case open, closed, reopened

        public var label: String {
            switch self {
            case .open: "未结账"
            case .closed: "已结账"
            case .reopened: "已重新打开"
            }
        }
    }

    /// One month as the page shows it, derived from the book.
    public struct Month: Sendable, Equatable {
        public var month: StatMonth
        public var status: MonthStatus
        /// The digest of the close in force, or of the last close before a re-opening.
        public var digest: String?
        public var closedBy: String?
        public var closedOn: Day?
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var book: StatCloseBook
        /// The months to list (newest first is how they are shown).
        public var months: [StatMonth]
        public var today: Day

        public init(context: PageContext, book: StatCloseBook, months: [StatMonth], today: Day) {
            self.context = context; self.book = book; self.months = months; self.today = today
        }

        /// The listed months, newest first, with their status from the book.
        public var rows: [Month] {
            months.sorted(by: >).map { month in
                let lastClose = book.entries.last { $0.month == month && $0.action == .closed }
                let status: MonthStatus = book.isClosed(month) ? .closed
                    : (book.entries.contains { $0.month == month && $0.action == .reopened } ? .reopened : .open)
                return Month(month: month, status: status, digest: lastClose?.detail, closedBy: lastClose?.by, closedOn: lastClose?.on)
            }
        }

        /// Months that have ended and are not closed: what may be closed today.
        public var closable: [StatMonth] { months.filter { !book.isClosed($0) && $0.lastDay < today }.sorted(by: >) }

        /// Months closed now: what may be re-opened.
        public var reopenable: [StatMonth] { months.filter(book.isClosed).sorted(by: >) }
    }
}
