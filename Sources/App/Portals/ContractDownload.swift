import Domain
import Persistence
import Services
import Vapor

/// The signed contract's PDF as a download, for the API and the portals alike.
enum ContractDownload {
    static func response(_ req: Request, _ principal: Principal) async throws -> Response {
        let (signed, bytes) = try await Contracts.pdf(req.services, principal, applicationID: req.parameters.get("id", as: Int64.self))
        return FileDownload.response(bytes, fileName: "借款合同-\(signed.number).pdf", contentType: "application/pdf", sha256: signed.sha256)
    }
}
