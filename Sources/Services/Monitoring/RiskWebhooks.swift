import Domain
import Foundation
import Persistence

/// The webhook an institution registers to hear of new alerts at once. Delivery runs from a job (with the
/// queue's retries and back-off), never from the request or the scan that opened the alert.
public enum RiskWebhooks {
    /// What the institution sees of its webhook; the secret only right after registering it.
    public struct Registration: Sendable, Equatable {
        public var url: String
        public var secret: String?
        public var updatedBy: String
        public var updatedAt: Date
    }

    /// Registers (or replaces) the institution's webhook with a new secret, shown once. Institution admins only.
    public static func register(_ context: ServiceContext, _ principal: Principal, url: String) async throws -> Registration {
        guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅金融机构管理员可设置预警推送地址") }
        let institution = try principal.requireInstitution()
        let hook = MonitoringStore.Webhook(institutionID: institution.id, url: try AlertWebhook.validated(url: url),
                                           secret: AlertWebhook.newSecret(), updatedBy: principal.displayName,
                                           updatedAt: context.clock.now())
        try await context.monitoringStore.setWebhook(hook)
        return Registration(url: hook.url, secret: hook.secret, updatedBy: hook.updatedBy, updatedAt: hook.updatedAt)
    }

    /// The institution's webhook without its secret, or nil.
    public static func current(_ context: ServiceContext, _ principal: Principal) async throws -> Registration? {
        let institution = try principal.requireInstitution()
        return try await context.monitoringStore.webhook(institutionID: institution.id).map {
            Registration(url: $0.url, secret: nil, updatedBy: $0.updatedBy, updatedAt: $0.updatedAt)
        }
    }

    public static func remove(_ context: ServiceContext, _ principal: Principal) async throws {
        guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅金融机构管理员可设置预警推送地址") }
        try await context.monitoringStore.removeWebhook(institutionID: try principal.requireInstitution().id)
    }

    /// One delivery: where to, the headers and the body.
    public struct Delivery: Sendable, Equatable {
        public var url: String
        public var headers: [(String, String)]
        public var body: Data
        public static func == (a: Delivery, b: Delivery) -> Bool {
            a.url == b.url && a.body == b.body && a.headers.map { "\($0.0):\($0.1)" } == b.headers.map { "\($0.0):\($0.1)" }
        }
    }

    /// Why a delivery failed (the job is retried).
    public struct DeliveryFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Delivers the alert's webhook through `send` (which answers the HTTP status); a status outside 2xx or an
    /// error fails the job so the queue retries it. Nothing is sent when the institution has no webhook (any more).
    public static func deliver(_ context: ServiceContext, alertID: Int64,
                               send: @Sendable (Delivery) async throws -> UInt) async throws {
        guard let alert = try await context.monitoringStore.alert(id: alertID),
              let hook = try await context.monitoringStore.webhook(institutionID: alert.institutionID) else { return }
        let body = AlertWebhook.body(.init(alert: alert))
        let delivery = Delivery(url: hook.url, headers: [
            ("Content-Type", "application/json"),
            (AlertWebhook.signatureHeader, AlertWebhook.signature(body: body, secret: hook.secret, at: context.clock.now())),
        ], body: body)
        let status = try await send(delivery)
        guard (200..<300).contains(status) else { throw DeliveryFailed(description: "预警推送地址返回 HTTP \(status)") }
    }
}
