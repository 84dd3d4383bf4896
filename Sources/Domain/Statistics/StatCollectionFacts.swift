/// One dataset a department owes for one month under the catalog (应归集): the denominator of 归集率.
public struct StatExpectation: Hashable, Sendable, Codable {
    /// Stable key of the (department, dataset, month) slot.
    public var key: String
    public var department: String
    public var month: StatMonth
    /// The last day a batch counts as on time.
    public var dueOn: Day

    public init(key: String, department: String, month: StatMonth, dueOn: Day) {
        self.key = key; self.department = department; self.month = month; self.dueOn = dueOn
    }
}

/// A batch received for an expected slot: its records and how many were rejected by validation.
public struct StatBatch: Hashable, Sendable, Codable {
    public var expectation: String
    public var department: String
    /// The month the data covers (the slot's month).
    public var month: StatMonth
    public var dueOn: Day
    public var receivedOn: Day
    public var records: Int64
    public var rejected: Int64

    public init(expectation: String, department: String, month: StatMonth, dueOn: Day, receivedOn: Day, records: Int64,
                rejected: Int64) {
        self.expectation = expectation; self.department = department; self.month = month; self.dueOn = dueOn
        self.receivedOn = receivedOn; self.records = records; self.rejected = rejected
    }
}
