import Domain
import Persistence
import Services
import Vapor

/// Default feedback over the API: a lender reports an overdue loan (the platform notifies the firm and starts the
/// cure period); firms, lenders and the credit center read the reports and how they ended.
struct DefaultReportsAPI {
    func register(_ api: any RoutesBuilder) {
        api.post("loans", ":id", "default-report", use: report)
        api.get("default-reports", use: reports)
    }

    func report(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let report = try await DefaultReports.report(req.services, principal, loanID: req.parameters.get("id", as: Int64.self))
        return try await report.encodeResponse(status: .created, for: req)
    }

    func reports(_ req: Request) async throws -> PageResponse<DefaultReport> {
        PageResponse(try await DefaultReports.visible(req.services, try req.principal(), paging: try req.paging()))
    }
}

extension DefaultReport: Content {}
