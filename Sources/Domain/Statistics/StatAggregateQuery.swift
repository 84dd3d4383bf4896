/// Reading the aggregates through their index (`StatMonthIndex`), with the plain scan of every cell kept as the
/// reference the tests compare it with.
extension StatAggregate {
    /// Flows over `months` and stocks at the end of the last, for the facts `filter` matches: the months' totals
    /// for the city or one dimension value, else the cells of the filter's rarest value. Equal to
    /// `scannedMeasures` (the tests check it on random histories): a sum of the same cells in another grouping.
    /// Only the distinct sets and histograms in `parts` are added; the others are left empty.
    public func measures(months: ClosedRange<StatMonth>, filter: StatFilter = .all, parts: StatParts = .all) -> StatMeasures {
        let conditions = filter.values.map { (position: $0.key.position, value: $0.value) }
        if conditions.count <= 1 {
            var flows: [StatIndexSums] = []
            var stocks: [StatIndexSums] = []
            for (month, entry) in index where month <= months.upperBound {
                let part: StatIndexSums? = if let c = conditions.first { entry.sums[c.position][c.value] } else { entry.total }
                guard let part else { continue }
                if month < months.lowerBound { stocks.append(part) } else { flows.append(part) }
            }
            return StatIndexSums.measures(flows: flows, stocks: stocks, parts: parts, ids: ids)
        }
        var result = StatMeasures()
        for (month, entry) in index where month <= months.upperBound {
            cells(of: entry, month: month, matching: filter, conditions) { _, cell in
                if month < months.lowerBound { result.merge(cell, stocksOnly: true) } else { result.merge(cell, parts: parts) }
            }
        }
        return result
    }

    /// The month's cells `filter` matches, found among those of the condition's value held by the fewest cells.
    private func cells(of entry: StatMonthIndex, month: StatMonth, matching filter: StatFilter,
                       _ conditions: [(position: Int, value: String)], _ body: (StatDims, StatMeasures) -> Void) {
        var rarest: Set<Int32>?
        for c in conditions {
            guard let members = entry.members[c.position][c.value] else { return }
            if members.count < rarest?.count ?? Int.max { rarest = members }
        }
        guard let rarest, let row = cells[month] else { return }
        for id in rarest {
            let dims = table.dims(id)
            if filter.matches(dims), let cell = row[dims] { body(dims, cell) }
        }
    }

    /// One value per value of `dimension` within `filter`, as `StatSource.breakdown` gives them, but within a filter
    /// in one pass over the filter's cells grouped by value instead of one pass per value (measured by `xyd bench
    /// stats`: an institution's page by product walked that institution's cells 150 times).
    public func breakdown(_ indicator: Indicator, period: StatPeriod, by dimension: StatDimension, values: [String],
                          filter: StatFilter = .all) throws(DomainError) -> [(value: String, result: IndicatorValue)] {
        guard !filter.values.isEmpty, filter.values[dimension] == nil, let months = period.wholeMonths else {
            var result: [(value: String, result: IndicatorValue)] = []
            for v in values {
                var f = filter
                f.values[dimension] = v
                result.append((v, try value(indicator, period: period, filter: f)))
            }
            return result
        }
        let current = grouped(months: months, filter: filter, by: dimension, parts: indicator.formula.parts)
        var before: [String: StatMeasures]?
        if indicator.kind == .change, let previous = period.previous.wholeMonths {
            before = grouped(months: previous, filter: filter, by: dimension, parts: indicator.formula.parts)
        }
        return values.map { v in
            (v, IndicatorValue.evaluate([indicator], current: current[v] ?? StatMeasures(),
                                        before: before.map { $0[v] ?? StatMeasures() })[indicator.code] ?? .undefined)
        }
    }

    /// The measures of `filter`'s cells over `months`, per value of `dimension`.
    func grouped(months: ClosedRange<StatMonth>, filter: StatFilter, by dimension: StatDimension,
                 parts: StatParts) -> [String: StatMeasures] {
        let conditions = filter.values.map { (position: $0.key.position, value: $0.value) }
        var result: [String: StatMeasures] = [:]
        for (month, entry) in index where month <= months.upperBound {
            cells(of: entry, month: month, matching: filter, conditions) { dims, cell in
                guard let v = dims[dimension] else { return }
                if month < months.lowerBound {
                    result[v, default: StatMeasures()].merge(cell, stocksOnly: true)
                } else {
                    result[v, default: StatMeasures()].merge(cell, parts: parts)
                }
            }
        }
        return result
    }

    /// Every value seen for `dimension` in cells up to `month` (all when nil), sorted.
    public func values(of dimension: StatDimension, through month: StatMonth? = nil) -> [String] {
        var seen = Set<String>()
        for (m, entry) in index where month.map({ m <= $0 }) ?? true { seen.formUnion(entry.members[dimension.position].keys) }
        return seen.sorted()
    }

    /// The same figures by adding every matching cell: the reference `measures(months:filter:)` is checked against.
    func scannedMeasures(months: ClosedRange<StatMonth>, filter: StatFilter = .all) -> StatMeasures {
        var result = StatMeasures()
        for (month, row) in cells where month <= months.upperBound {
            let stocksOnly = month < months.lowerBound
            for (dims, measures) in row where filter.matches(dims) { result.merge(measures, stocksOnly: stocksOnly) }
        }
        return result
    }

    /// The values by scanning every cell: the reference for `values(of:through:)`.
    func scannedValues(of dimension: StatDimension, through month: StatMonth? = nil) -> [String] {
        var seen = Set<String>()
        for (m, row) in cells where month.map({ m <= $0 }) ?? true {
            for dims in row.keys { if let v = dims[dimension] { seen.insert(v) } }
        }
        return seen.sorted()
    }

    /// Whether the index kept up with the cells: equal to an index built afresh from them (totals, value totals and
    /// each value's cells). Shown by `xyd bench stats` after the incremental changes, and checked by the tests.
    public var indexAgreesWithCells: Bool {
        let fresh = StatAggregate(cells: cells)
        guard Set(index.keys) == Set(fresh.index.keys) else { return false }
        func measures(_ sums: StatIndexSums, _ ids: StatIDTable) -> StatMeasures {
            StatIndexSums.measures(flows: [sums], stocks: [], parts: .all, ids: ids)
        }
        for (month, mine) in index {
            guard let theirs = fresh.index[month], measures(mine.total, ids) == measures(theirs.total, fresh.ids) else { return false }
            for p in mine.sums.indices {
                guard Set(mine.sums[p].keys) == Set(theirs.sums[p].keys) else { return false }
                for (value, sums) in mine.sums[p] {
                    guard let other = theirs.sums[p][value], measures(sums, ids) == measures(other, fresh.ids) else { return false }
                }
            }
            for p in mine.members.indices {
                let a = mine.members[p].mapValues { Set($0.map(table.dims)) }
                let b = theirs.members[p].mapValues { Set($0.map(fresh.table.dims)) }
                if a != b { return false }
            }
        }
        return true
    }
}
