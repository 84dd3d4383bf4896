import Domain

extension EnterpriseProfilePage {
    /// One dataset's records within a category, for the compact profile: the columns are the fields' labels in the
    /// order they first appear, the rows grouped by month (newest first, as the records come).
    struct DatasetRecords: Equatable {
        /// Datasets of more records than this start folded.
        static let openUpTo = 6

        var id: String
        var name: String
        var records: [Record]

        var labels: [String] {
            var seen: Set<String> = []
            return records.flatMap(\.fields).map(\.label).filter { seen.insert($0).inserted }
        }

        struct Month: Equatable {
            var title: String
            var records: [Record]
        }

        /// `2026-11-03` and `2026-11` fall in 2026年11月; a year alone is its own group; no date is 日期未知.
        var months: [Month] {
            var result: [Month] = []
            for record in records {
                let title = Self.monthTitle(record.date)
                if result.last?.title == title { result[result.count - 1].records.append(record) } else {
                    result.append(Month(title: title, records: [record]))
                }
            }
            return result
        }

        static func monthTitle(_ date: String) -> String {
            let parts = date.split(separator: "-")
            guard let year = parts.first, year.count == 4 else { return "日期未知" }
            guard parts.count > 1, let month = Int(parts[1]) else { return "\(year)年" }
            return "\(year)年\(month)月"
        }

        static func monthKey(_ date: String) -> String? {
            let parts = date.split(separator: "-")
            guard parts.count > 1, parts[0].count == 4, parts[1].count == 2 else { return nil }
            return "\(parts[0])-\(parts[1])"
        }

        /// The monthly sum of the dataset's main figure (its first field holding a number in most records), oldest
        /// first, when it spans at least three months; nil otherwise.
        var trend: (title: String, points: [LineChart.Point])? {
            guard let label = labels.first(where: { label in
                let numbers = records.filter { $0.fields.contains { $0.label == label && $0.number != nil } }.count
                return numbers * 2 >= records.count
            }) else { return nil }
            var sums: [String: Double] = [:]
            for record in records {
                guard let key = Self.monthKey(record.date),
                      let number = record.fields.first(where: { $0.label == label })?.number else { continue }
                sums[key, default: 0] += number
            }
            guard sums.count >= 3 else { return nil }
            let points = sums.keys.sorted().map { key in
                let value = sums[key] ?? 0
                return LineChart.Point(label: key, value: Int64(value.rounded()), text: Format.count(Int(value.rounded())))
            }
            return ("\(name)：\(label)（按月合计）", points)
        }

        /// The records of a category split by dataset, in order of each dataset's newest record.
        static func split(_ records: [Record]) -> [DatasetRecords] {
            var order: [String] = []
            var byID: [String: DatasetRecords] = [:]
            for record in records {
                if byID[record.datasetID] == nil {
                    order.append(record.datasetID)
                    byID[record.datasetID] = DatasetRecords(id: record.datasetID, name: record.datasetName, records: [])
                }
                byID[record.datasetID]?.records.append(record)
            }
            return order.compactMap { byID[$0] }
        }
    }
}
