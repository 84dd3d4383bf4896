/// An institution's filed monthly report: values by (row, column), amounts in cents, counts as integers. A cell not
/// filled is absent.
public struct StatReport: Sendable, Equatable, Codable {
    public var institution: String
    public var month: StatMonth
    public var cells: [Cell: Int64]

    public struct Cell: Hashable, Sendable, Codable, Comparable {
        public var row: String
        public var column: String
        public init(_ row: String, _ column: String) { self.row = row; self.column = column }
        public static func < (a: Cell, b: Cell) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    public init(institution: String, month: StatMonth, cells: [Cell: Int64] = [:]) {
        self.institution = institution; self.month = month; self.cells = cells
    }

    public subscript(row: String, column: String) -> Int64? {
        get { cells[Cell(row, column)] }
        set { cells[Cell(row, column)] = newValue }
    }
}

/// One thing wrong with a filed report, located by row and column, with the message shown to the institution.
public struct ReportProblem: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case missing, negative, totalMismatch, partExceedsWhole, belowPlatformFloor, unknownCell
    }
    public var kind: Kind
    public var row: String
    public var column: String?
    public var message: String
}

/// A reported figure beside the platform's own for the same institution and month.
public struct ReportDifference: Hashable, Sendable, Codable {
    public var row: String
    public var column: String
    public var indicator: String
    public var reported: Int64?
    public var platform: Int64
    /// reported − platform; nil when not reported.
    public var difference: Int64?
}

/// A report not filed by its due day, or filed after it.
public struct LateReport: Hashable, Sendable, Codable {
    public var institution: String
    public var dueOn: Day
    public var filedOn: Day?
    public var daysLate: Int
}

extension ReportTemplate {
    /// Every problem of `report` at once: unknown cells, required cells missing, negative values, totals that do not
    /// add up, parts larger than their whole, and figures below the platform's own record for the institution
    /// (`platform`: indicator values for the institution and month, from `StatSource.values`). Ordered by row.
    public func validate(_ report: StatReport, platform: [String: IndicatorValue]) -> [ReportProblem] {
        var problems: [ReportProblem] = []
        for cell in report.cells.keys.sorted() where row(cell.row)?.cells.contains(cell.column) != true {
            problems.append(ReportProblem(kind: .unknownCell, row: cell.row, column: cell.column,
                                          message: "模板第\(version)版没有“\(cell.row)”行的“\(column(cell.column)?.label ?? cell.column)”栏，请删除该项"))
        }
        for row in rows {
            for c in row.cells {
                let where_ = place(row, c)
                let value = report[row.code, c]
                guard let value else {
                    if row.required.contains(c) {
                        problems.append(ReportProblem(kind: .missing, row: row.code, column: c, message: "\(where_)未填写"))
                    }
                    continue
                }
                if value < 0 && row.allowsNegative != true {
                    problems.append(ReportProblem(kind: .negative, row: row.code, column: c,
                                                  message: "\(where_)不能为负数（填报\(text(value, c))）"))
                }
                if let children = row.sumOf {
                    let sum = children.reduce(Int64(0)) { $0 + (report[$1, c] ?? 0) }
                    if sum != value {
                        problems.append(ReportProblem(kind: .totalMismatch, row: row.code, column: c, message:
                            "\(where_)应等于\(children.joined(separator: "、"))之和\(text(sum, c))，填报\(text(value, c))，相差\(text(value - sum, c))"))
                    }
                }
                if let parent = row.partOf, let whole = report[parent, c], value > whole {
                    problems.append(ReportProblem(kind: .partExceedsWhole, row: row.code, column: c, message:
                        "\(where_)为“\(self.row(parent)?.label ?? parent)”的其中项，填报\(text(value, c))，不应大于\(text(whole, c))"))
                }
                if row.floor?.contains(c) == true, let code = row.platform?[c], let floor = platform[code]?.value, value < floor {
                    let name = IndicatorCatalog.indicator(code)?.name ?? code
                    problems.append(ReportProblem(kind: .belowPlatformFloor, row: row.code, column: c, message:
                        "\(where_)填报\(text(value, c))，少于平台记录的本机构\(name)\(text(floor, c))；经平台发放的部分已计入，填报数不得低于平台记录"))
                }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.code, $0) })
        return problems.enumerated().sorted { a, b in
            let (ra, rb) = (order[a.element.row] ?? Int.max, order[b.element.row] ?? Int.max)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// Each cell that has a platform indicator, with the reported and platform figures and their difference.
    public func differences(_ report: StatReport, platform: [String: IndicatorValue]) -> [ReportDifference] {
        rows.flatMap { row in
            row.cells.compactMap { c -> ReportDifference? in
                guard let code = row.platform?[c] else { return nil }
                let ours = platform[code]?.value ?? 0, theirs = report[row.code, c]
                return ReportDifference(row: row.code, column: c, indicator: code, reported: theirs, platform: ours,
                                        difference: theirs.map { $0 - ours })
            }
        }
    }

    /// Institutions whose report of `month` was not filed by its due day (as of `today`) or was filed after it,
    /// sorted by institution.
    public func lateReports(_ month: StatMonth, institutions: [String], filed: [String: Day], today: Day) -> [LateReport] {
        let due = dueOn(for: month)
        return institutions.sorted().compactMap { institution in
            if let on = filed[institution] {
                return on > due ? LateReport(institution: institution, dueOn: due, filedOn: on, daysLate: due.days(until: on)) : nil
            }
            return today > due ? LateReport(institution: institution, dueOn: due, filedOn: nil, daysLate: due.days(until: today)) : nil
        }
    }

    /// `第R01行“当月新发放贷款”的“金额”`.
    func place(_ row: Row, _ column: String) -> String {
        "第\(row.code)行“\(row.label)”的“\(self.column(column)?.label ?? column)”"
    }

    /// `¥1,234.56` for amounts, `12` for counts.
    func text(_ value: Int64, _ column: String) -> String {
        self.column(column)?.unit == .cents ? Cents(value).yuanText : "\(value)"
    }
}
