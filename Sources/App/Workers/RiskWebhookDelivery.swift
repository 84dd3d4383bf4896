import Foundation
import Services
import Vapor

/// Posts a new alert to the institution's webhook with Vapor's HTTP client (10 s timeout); a failure fails the
/// job, and the queue retries it with back-off.
enum RiskWebhookDelivery {
    static func deliver(_ app: Application, alertID: Int64) async throws {
        let client = app.client
        try await RiskWebhooks.deliver(app.services, alertID: alertID) { delivery in
            var headers = HTTPHeaders()
            for (name, value) in delivery.headers { headers.replaceOrAdd(name: name, value: value) }
            let response = try await client.post(URI(string: delivery.url), headers: headers) { request in
                request.body = ByteBuffer(bytes: [UInt8](delivery.body))
                request.timeout = .seconds(10)
            }
            return response.status.code
        }
    }
}
