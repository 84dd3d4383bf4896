import Domain
import Persistence
import Services
import Vapor
import Views

/// Post-loan warnings in the portals: an institution reads and answers its alerts and sets its webhook
/// (/bank/alerts); the credit center watches every alert by level, district and institution, with the escalated
/// ones (/console/monitoring).
struct RiskAlertPortals {
    func register(_ routes: any RoutesBuilder) {
        let bank = routes.grouped("bank", "alerts")
        bank.get(use: list)
        bank.post("webhook", use: setWebhook)
        bank.get(":id", use: detail)
        bank.post(":id", "response", use: respond)
        routes.get("console", "monitoring", use: monitoring)
    }

    func list(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let institution = try principal.requireInstitution()
        let level = req.query[String.self, at: "level"].flatMap { WarningLevel(rawValue: $0) }
        let status = req.query[String.self, at: "status"].flatMap { AlertResponse.Status(rawValue: $0) }
        let page = try await RiskAlerts.alerts(req.services, principal, levels: level.map { [$0] } ?? [],
                                               statuses: status.map { [$0] } ?? [], paging: try req.paging())
        let today = req.services.clock.today, rules = req.services.platform.warningRules
        var byLevel: [WarningLevel: Int] = [:], byLight: [AlertEscalation.Light: Int] = [:]
        for alert in try await req.services.monitoringStore.openAlerts(institutionID: institution.id) {
            byLevel[alert.level, default: 0] += 1
            byLight[(alert.escalation(today: today, rules: rules) ?? .onTime).light, default: 0] += 1
        }
        let admin = principal.role == .institutionAdmin
        let hook = admin ? try await RiskWebhooks.current(req.services, principal) : nil
        let pagination = Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/alerts",
                                    query: [QueryItem(name: "level", value: level?.rawValue ?? ""),
                                            QueryItem(name: "status", value: status?.rawValue ?? "")])
        return Portal.html(BankAlertsPage.render(.init(
            context: Portal.context(req, principal), rows: page.items.map { .init(alert: $0.alert, escalation: $0.escalation) },
            pagination: pagination, level: level, status: status, openByLevel: byLevel, openByLight: byLight,
            mayConfigureWebhook: admin, webhookURL: hook?.url)))
    }

    func detail(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let item = try await RiskAlerts.alert(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.html(BankAlertPage.render(.init(context: Portal.context(req, principal), alert: item.alert, escalation: item.escalation,
                                                      acknowledgeBy: item.acknowledgeBy, resolveBy: item.resolveBy)))
    }

    func respond(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/alerts/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content { var action: String?; var note: String?; var reason: String?; var measure: String? }
            let form = try req.content.decode(Form.self)
            let event = try RiskAlertsAPI.ResponseBody(action: form.action ?? "", note: form.note, reason: form.reason,
                                                       measure: form.measure).event()
            let item = try await RiskAlerts.respond(req.services, principal, id: id, event)
            return Portal.done(req, to: back, "已记录：\(item.alert.status.label)")
        }
    }

    func setWebhook(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/alerts") { principal in
            struct Form: Content { var url: String? }
            let registration = try await RiskWebhooks.register(req.services, principal, url: try req.content.decode(Form.self).url ?? "")
            return Portal.done(req, to: "/bank/alerts", "预警推送地址已设置为 \(registration.url)；签名密钥（只显示这一次）：\(registration.secret ?? "")")
        }
    }

    func monitoring(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let services = req.services
        let overview = try await RiskAlerts.overview(services, principal)
        let names = try await MonitoringReads(database: services.database).institutionNames()
        let catalog = services.catalog
        let escalated = try await RiskAlerts.alerts(services, principal, escalatedOnly: true, paging: Paging(page: 1, perPage: 50))
        return Portal.html(MonitoringPage.render(.init(
            context: Portal.context(req, principal), watched: overview.watched, signals: overview.signals, open: overview.open,
            byLevel: overview.byLevel, byLight: overview.byLight,
            byDistrict: overview.byDistrict.map {
                .init(label: $0.district.isEmpty ? "未知区县" : Reference.districtName($0.district, in: catalog), count: $0.count)
            },
            byInstitution: overview.byInstitution.map { .init(label: names[$0.institutionID] ?? "机构 #\($0.institutionID)", count: $0.count) },
            perDay: overview.perDay.map { .init(label: String(format: "%02d-%02d", $0.day.month, $0.day.day), count: $0.count) },
            escalated: escalated.items.map { ($0.alert, names[$0.alert.institutionID] ?? "机构 #\($0.alert.institutionID)", $0.escalation) })))
    }
}
