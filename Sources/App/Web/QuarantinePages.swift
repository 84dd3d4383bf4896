import Domain
import Persistence
import Services
import Spreadsheet
import Vapor
import Views

/// The data hub's outstanding work: rejected rows still waiting for a correction (by department and reason, with an
/// export) and records that wait for their firm's registration. A department sees only its own rejected rows.
struct QuarantinePages {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("quarantine", use: quarantine)
        console.get("quarantine.csv", use: quarantineCSV)
        console.get("unlinked", use: unlinked)
        console.get("unlinked.csv", use: unlinkedCSV)
    }

    /// The filter a caller may use: a department is held to its own rows whatever it asks.
    func filter(_ req: Request, _ principal: Principal) -> BatchStore.OutstandingFilter {
        let department = IngestController.scope(principal) ?? req.query[String.self, at: "department"].flatMap { Int64($0) }
        return .init(departmentID: department, dataset: req.query[String.self, at: "dataset"]?.nonEmpty,
                     reason: req.query[String.self, at: "reason"]?.nonEmpty)
    }

    func departmentNames(_ req: Request) async throws -> [Int64: String] {
        Dictionary(try await req.accounts.departments().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func quarantine(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let filter = filter(req, principal)
        let page = try await req.batchStore.outstanding(filter, paging: try req.paging(defaultPerPage: 50))
        let counts = try await req.batchStore.outstandingCounts(departmentID: IngestController.scope(principal))
        let names = try await departmentNames(req)
        func department(_ id: Int64?) -> String { id.map { names[$0] ?? "部门 #\($0)" } ?? "信用中心" }
        let query = [QueryItem(name: "department", value: filter.departmentID.map(String.init) ?? ""),
                     QueryItem(name: "dataset", value: filter.dataset ?? ""), QueryItem(name: "reason", value: filter.reason ?? "")]
        let exportQuery = query.filter { !$0.value.isEmpty }.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        let model = QuarantinePage.Model(
            context: ConsoleController().context(req, principal, title: "待更正的拒收行", active: "/console/quarantine"),
            counts: counts.map { count in
                let reason = count.reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return .init(department: department(count.departmentID), dataset: req.catalog.dataset(count.dataset)?.name ?? count.dataset,
                             reason: req.catalog.fieldLabel(dataset: count.dataset, field: count.reason), count: count.count,
                             href: "/console/quarantine?dataset=\(count.dataset)&reason=\(reason)" + (count.departmentID.map { "&department=\($0)" } ?? ""))
            },
            rows: page.items.map { row in
                .init(batchID: row.batchID, rowNumber: row.rowNumber, datasetName: req.catalog.dataset(row.dataset)?.name ?? row.dataset,
                      recordID: row.recordID, department: department(row.departmentID),
                      problems: Self.problems(row, req.catalog))
            },
            total: page.total,
            departmentOptions: principal.role == .creditCenter
                ? names.sorted { $0.key < $1.key }.map { SelectOption(value: String($0.key), label: $0.value, isSelected: $0.key == filter.departmentID) }
                : [],
            datasetOptions: req.catalog.datasets.filter { principal.role == .creditCenter || principal.maySubmit($0) }
                .map { SelectOption(value: $0.id, label: $0.name, isSelected: $0.id == filter.dataset) },
            reasonOptions: Self.reasonOptions(counts, catalog: req.catalog, selected: filter.reason),
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/quarantine", query: query),
            exportHref: "/console/quarantine.csv" + (exportQuery.isEmpty ? "" : "?" + exportQuery.joined(separator: "&")))
        return Portal.html(QuarantinePage.render(model))
    }

    func quarantineCSV(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let rows = try await req.batchStore.outstanding(filter(req, principal), paging: nil).items
        let names = try await departmentNames(req)
        let table = [["报送部门", "数据集", "批次", "行号", "记录编号", "问题字段", "问题"]] + rows.map { row in
            [row.departmentID.map { names[$0] ?? String($0) } ?? "信用中心", req.catalog.dataset(row.dataset)?.name ?? row.dataset,
             String(row.batchID), String(row.rowNumber), row.recordID, req.catalog.fieldLabel(dataset: row.dataset, field: row.reason),
             Self.problems(row, req.catalog)]
        }
        return Self.csv(CSVExport.text(table), name: "quarantine-outstanding.csv")
    }

    /// A row's problems as a clerk reads them: `缴费类别：应为 水/电/燃气/供暖；…`.
    static func problems(_ row: BatchStore.OutstandingRow, _ catalog: Catalog) -> String {
        row.problems.map { "\(catalog.fieldLabel(dataset: row.dataset, field: $0.field))：\($0.reason)" }.joined(separator: "；")
    }

    /// One option per field that has outstanding rows, by its Chinese name (one field name may serve several datasets).
    static func reasonOptions(_ counts: [BatchStore.OutstandingCount], catalog: Catalog, selected: String?) -> [SelectOption] {
        var labels: [String: String] = [:]
        for count in counts where labels[count.reason] == nil { labels[count.reason] = catalog.fieldLabel(dataset: count.dataset, field: count.reason) }
        return labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            .map { SelectOption(value: $0.key, label: $0.value, isSelected: $0.key == selected) }
    }

    func unlinked(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let page = try await req.recordStore.unlinked(paging: try req.paging(defaultPerPage: 50))
        return Portal.html(UnlinkedRecordsPage.render(.init(
            context: ConsoleController().context(req, principal, title: "待关联记录", active: "/console/unlinked"),
            rows: page.items.map { .init(uscc: $0.uscc, datasetName: req.catalog.dataset($0.dataset)?.name ?? $0.dataset,
                                         recordID: $0.recordID, batchID: $0.batchID, collectedAt: $0.collectedAt) },
            total: page.total,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/unlinked"))))
    }

    func unlinkedCSV(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        let rows = try await req.recordStore.unlinked(paging: nil).items
        let table = [["统一社会信用代码", "数据集", "记录编号", "批次", "归集时间"]] + rows.map {
            [$0.uscc, req.catalog.dataset($0.dataset)?.name ?? $0.dataset, $0.recordID, String($0.batchID), Format.dateTime($0.collectedAt)]
        }
        return Self.csv(CSVExport.text(table), name: "unlinked-records.csv")
    }

    static func csv(_ text: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: name)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
