import Domain
import Persistence
import Services
import Vapor

/// Department data collection over the API: the body (CSV or JSON Lines) streams into one atomic batch.
struct IngestController {
    func register(_ api: any RoutesBuilder) {
        api.on(.POST, "datasets", ":dataset", "batches", body: .stream, use: submit)
        api.get("batches", use: list)
        api.get("batches", ":id", use: show)
        api.get("batches", ":id", "quarantine.csv", use: exportQuarantine)
    }

    struct BatchResponse: Content {
        let batch: BatchSummary
        let accepted: Int
        let quarantine: QuarantinePage?
    }

    struct QuarantinePage: Content {
        let page: Int
        let perPage: Int
        let total: Int
        let rows: [QuarantinedRow]
    }

    func submit(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let dataset = try req.catalog.require(req.parameters.get("dataset") ?? "")
        guard principal.maySubmit(dataset) else {
            throw DomainError.forbidden("部门“\(principal.department?.name ?? principal.displayName)”无权报送数据集 \(dataset.id)")
        }
        let fileName = req.query[String.self, at: "file_name"] ?? req.headers.first(name: "X-File-Name") ?? "api-upload"
        let format = req.query[String.self, at: "format"].flatMap(FileFormat.init(rawValue:))
            ?? req.headers.contentType.flatMap { FileFormat.fromContentType($0.serialize()) }
            ?? FileFormat.fromFileName(fileName)
        let summary = try await Ingestion.load(
            req.services, dataset: dataset, principal: principal, source: .api, fileName: fileName,
            format: format, chunks: ByteBufferChunks(base: req.body))
        let response = Response(status: .created)
        try response.content.encode(BatchResponse(batch: summary, accepted: summary.accepted, quarantine: nil))
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/batches/\(summary.id)")
        return response
    }

    func list(_ req: Request) async throws -> PageResponse<BatchSummary> {
        let principal = try req.principal(in: [.creditCenter, .department])
        let paging = try req.paging()
        let dataset = req.query[String.self, at: "dataset"]?.nonEmpty
        return PageResponse(try await req.batchStore.list(departmentID: Self.scope(principal), dataset: dataset, paging: paging))
    }

    func show(_ req: Request) async throws -> BatchResponse {
        let batch = try await Self.visibleBatch(req)
        let quarantine = try await req.batchStore.quarantine(batchID: batch.id, paging: try req.paging(defaultPerPage: 50))
        return BatchResponse(batch: batch, accepted: batch.accepted, quarantine: QuarantinePage(
            page: quarantine.page, perPage: quarantine.perPage, total: quarantine.total, rows: quarantine.items))
    }

    func exportQuarantine(_ req: Request) async throws -> Response {
        let batch = try await Self.visibleBatch(req)
        let rows = try await req.batchStore.allQuarantine(batchID: batch.id)
        let csv = QuarantineExport.csv(batch: batch, rows: rows, catalog: req.catalog)
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "batch-\(batch.id)-rejected.csv")
        return response
    }

    /// A department sees only its own batches; the credit center sees all.
    static func scope(_ principal: Principal) -> Int64? {
        principal.role == .creditCenter ? nil : (principal.department?.id ?? -1)
    }

    static func visibleBatch(_ req: Request) async throws -> BatchSummary {
        let principal = try req.principal(in: [.creditCenter, .department])
        guard let id = req.parameters.get("id", as: Int64.self), let batch = try await req.batchStore.batch(id),
              Self.scope(principal) == nil || batch.departmentID == Self.scope(principal) else {
            throw DomainError.notFound("该批次")
        }
        return batch
    }
}

extension BatchSummary: Content {}
extension QuarantinedRow: Content {}
/// A page of results as the API returns it.
struct PageResponse<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let perPage: Int
    let total: Int
    let pageCount: Int

    init(_ page: ResultPage<Item>) {
        items = page.items; self.page = page.page; perPage = page.perPage; total = page.total
        pageCount = page.pageCount
    }
}

/// Adapts a request body to the byte chunks the ingestor reads.
struct ByteBufferChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let base: Request.Body

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Request.Body.AsyncIterator
        mutating func next() async throws -> [UInt8]? {
            guard let buffer = try await base.next() else { return nil }
            return Array(buffer.readableBytesView)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator()) }
}
