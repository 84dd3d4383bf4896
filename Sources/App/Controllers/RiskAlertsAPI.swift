import Domain
import Persistence
import Services
import Vapor

/// Post-loan warnings over the API: an institution lists, reads and answers its alerts and registers the webhook
/// new alerts are posted to; the credit center reads every alert (`escalated=true`: those nobody answered in time).
struct RiskAlertsAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("risk-alerts", use: alerts)
        api.get("risk-alerts", ":id", use: alert)
        api.post("risk-alerts", ":id", "response", use: respond)
        api.get("risk-webhook", use: webhook)
        api.post("risk-webhook", use: registerWebhook)
    }

    /// An alert as the API shows it: the signals in Chinese with their points, the answer and its light.
    struct AlertView: Content {
        struct Signal: Content { var code: String; var label: String; var text: String; var points: Int; var detectedOn: Day }
        struct Step: Content { var kind: String; var label: String; var day: Day; var at: Date; var by: String; var note: String }
        var id: Int64
        var uscc: String
        var firmName: String
        var institutionID: Int64
        var relation: String
        var level: String
        var levelLabel: String
        var score: Int
        var rulesVersion: Int
        var signals: [Signal]
        var explanation: String
        var status: String
        var statusLabel: String
        var openedOn: Day
        var assessedOn: Day
        var acknowledgedOn: Day?
        var closedOn: Day?
        var confirmationNote: String?
        var dismissalReason: String?
        var measure: String?
        var acknowledgeBy: Day?
        var resolveBy: Day?
        var light: String
        var escalation: String
        var steps: [Step]

        init(_ item: RiskAlerts.Item) {
            let a = item.alert
            id = a.id; uscc = a.uscc; firmName = a.firmName; institutionID = a.institutionID; relation = a.relation.rawValue
            level = a.level.rawValue; levelLabel = a.level.title; score = a.score; rulesVersion = a.rulesVersion
            signals = a.signals.map { Signal(code: $0.code.rawValue, label: $0.label, text: $0.text, points: $0.points, detectedOn: $0.detectedOn) }
            explanation = a.explanation; status = a.status.rawValue; statusLabel = a.status.label
            openedOn = a.openedOn; assessedOn = a.assessedOn; acknowledgedOn = a.response.acknowledgedOn; closedOn = a.response.closedOn
            confirmationNote = a.response.confirmationNote; dismissalReason = a.response.dismissalReason; measure = a.response.measure
            acknowledgeBy = item.acknowledgeBy; resolveBy = item.resolveBy
            light = item.escalation.light.rawValue; escalation = item.escalation.label
            steps = a.steps.map { Step(kind: $0.kind, label: $0.label, day: $0.day, at: $0.at, by: $0.by, note: $0.note) }
        }
    }

    /// A comma-separated list of raw values of `T`; an unknown one is a 422 naming the choices.
    static func list<T: RawRepresentable & CaseIterable>(_ text: String?, field: String, _: T.Type) throws -> [T] where T.RawValue == String {
        guard let text, !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            guard let value = T(rawValue: String(part)) else {
                throw DomainError.invalidInput(field: field, reason: "未知的取值“\(Echo.short(String(part)))”，可选："
                                               + T.allCases.map(\.rawValue).joined(separator: "、"))
            }
            return value
        }
    }

    func alerts(_ req: Request) async throws -> PageResponse<AlertView> {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff, .creditCenter])
        let levels = try Self.list(req.query[String.self, at: "level"], field: "level", WarningLevel.self)
        let statuses = try Self.list(req.query[String.self, at: "status"], field: "status", AlertResponse.Status.self)
        let escalated = try BoundedFlag.parse(req.query[String.self, at: "escalated"], field: "escalated")
        let page = try await RiskAlerts.alerts(req.services, principal, levels: levels, statuses: statuses, escalatedOnly: escalated,
                                               paging: try req.paging())
        return PageResponse(ResultPage(items: page.items.map(AlertView.init), page: page.page, perPage: page.perPage, total: page.total))
    }

    func alert(_ req: Request) async throws -> AlertView {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff, .creditCenter])
        return AlertView(try await RiskAlerts.alert(req.services, principal, id: req.parameters.get("id", as: Int64.self)))
    }

    struct ResponseBody: Content {
        /// acknowledge / confirm / dismiss / handle
        var action: String
        var note: String?
        var reason: String?
        var measure: String?

        func event() throws -> AlertResponse.Event {
            switch action {
            case "acknowledge": return .acknowledge
            case "confirm": return .confirm(note: note ?? "")
            case "dismiss": return .dismiss(reason: reason ?? "")
            case "handle": return .handle(measure: measure ?? "")
            default:
                throw DomainError.invalidInput(field: "action", reason: "action 须为 acknowledge（签收）、confirm（确认风险）、dismiss（排除，须填 reason）或 handle（处置，须填 measure）")
            }
        }
    }

    func respond(_ req: Request) async throws -> AlertView {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let body = try req.content.decode(ResponseBody.self)
        return AlertView(try await RiskAlerts.respond(req.services, principal, id: req.parameters.get("id", as: Int64.self), try body.event()))
    }

    struct WebhookView: Content {
        var url: String?
        /// Shown once, right after registering.
        var secret: String?
        var updatedBy: String?
        var updatedAt: Date?
        var signatureHeader: String

        init(_ registration: RiskWebhooks.Registration?) {
            url = registration?.url; secret = registration?.secret; updatedBy = registration?.updatedBy
            updatedAt = registration?.updatedAt; signatureHeader = AlertWebhook.signatureHeader
        }
    }

    func webhook(_ req: Request) async throws -> WebhookView {
        let principal = try req.principal(in: [.institutionAdmin])
        return WebhookView(try await RiskWebhooks.current(req.services, principal))
    }

    struct WebhookBody: Content { var url: String }

    func registerWebhook(_ req: Request) async throws -> WebhookView {
        let principal = try req.principal(in: [.institutionAdmin])
        let body = try req.content.decode(WebhookBody.self)
        return WebhookView(try await RiskWebhooks.register(req.services, principal, url: body.url))
    }
}
