/// One month of the query index `StatAggregate` keeps beside its cells: the month's total, each dimension value's
/// total (`StatIndexSums`), and which cells hold each value. A query for the city or for one value adds one total per month instead of
/// every cell; a query for several values walks only the cells of its rarest value. Measured by `xyd bench stats`
/// at 100,000 firms and a million loans: scanning every cell took seconds per page, these totals milliseconds.
struct StatMonthIndex: Sendable, Equatable {
    var total = StatIndexSums()
    /// By `StatDimension.position`: value → the sum of the month's cells with that value.
    var sums: [[String: StatIndexSums]] = Array(repeating: [:], count: StatDimension.allCases.count)
    /// By `StatDimension.position`: value → the ids (in `StatDimsTable`) of the month's cells with that value.
    var members: [[String: Set<Int32>]] = Array(repeating: [:], count: StatDimension.allCases.count)

    /// The month's cell `dims` (numbered `id`) went from `old` to `new` (nil: absent): its old measures come out of
    /// the totals and its new ones go in; only the cell's own ids are touched. A value left without cells loses its
    /// total (which is then zero).
    mutating func record(_ dims: StatDims, id: Int32, old: StatMeasures?, new: StatMeasures?, ids: inout StatIDTable) {
        if let old { total.add(old, sign: -1, ids: &ids) }
        if let new { total.add(new, sign: 1, ids: &ids) }
        for dimension in StatDimension.allCases {
            guard let value = dims[dimension] else { continue }
            let p = dimension.position
            if let old { sums[p][value, default: StatIndexSums()].add(old, sign: -1, ids: &ids) }
            if let new { sums[p][value, default: StatIndexSums()].add(new, sign: 1, ids: &ids) }
            if new != nil && old == nil {
                members[p][value, default: []].insert(id)
            } else if old != nil && new == nil {
                members[p][value]?.remove(id)
                if members[p][value]?.isEmpty == true { members[p][value] = nil }
            }
            if members[p][value] == nil { sums[p][value] = nil }
        }
    }
}

/// Every dimension combination the cells have used, numbered once, so that a month's index lists its cells by a
/// four-byte id rather than by a copy of the dimensions (a million loans make millions of cells).
struct StatDimsTable: Sendable {
    private(set) var all: [StatDims] = []
    private var ids: [StatDims: Int32] = [:]

    mutating func id(_ dims: StatDims) -> Int32 {
        if let id = ids[dims] { return id }
        let id = Int32(all.count)
        all.append(dims)
        ids[dims] = id
        return id
    }

    func dims(_ id: Int32) -> StatDims { all[Int(id)] }
}

extension StatDimension {
    /// Position in `StatDimension.allCases`, for the index's per-dimension arrays.
    var position: Int {
        switch self {
        case .district: 0
        case .institution: 1
        case .product: 2
        case .industry: 3
        case .firmSize: 4
        case .department: 5
        }
    }
}

extension StatMeasures {
    /// Runs `body` on `measures` through a `SignedCell` without copying them: the value is moved into the cell and
    /// back, so a total holding thousands of distinct ids is changed in place rather than copied for each event.
    static func change(_ measures: inout StatMeasures, sign: Int64, _ body: (inout SignedCell) -> Void) {
        var cell = SignedCell(measures: .zero, sign: sign)
        swap(&cell.measures, &measures)
        body(&cell)
        swap(&cell.measures, &measures)
    }
}
