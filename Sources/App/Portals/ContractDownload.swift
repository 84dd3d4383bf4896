import Domain
import Persistence
import Services
import Vapor

/// The signed contract's PDF as a download, for the API and the portals alike.
enum ContractDownload {
    static func response(_ req: Request, _ principal: Principal) async throws -> Response {
        let (signed, bytes) = try await Contracts.pdf(req.services, principal, applicationID: req.parameters.get("id", as: Int64.self))
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        response.headers.contentDisposition = .init(.attachment, filename: "借款合同-\(signed.number).pdf")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: signed.sha256)
        return response
    }
}
