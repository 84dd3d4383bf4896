import Domain
import Persistence
import Services
import Vapor
import Views

/// The joint-modelling runs as pages: the credit center sees every bank's (/console/joint-runs), a bank its own
/// (/bank/joint-runs). The runs themselves are made by `xyd party` against /api/v1/joint.
struct JointRunPortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("console", "joint-runs", use: center)
        routes.get("bank", "joint-runs", use: bank)
    }

    func center(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        return Portal.html(JointRunsPage.render(try await model(req, principal, showsInstitution: true,
                                                                context: ConsoleController().context(req, principal, title: "联合建模", active: "/console/joint-runs"))))
    }

    func bank(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        return Portal.html(JointRunsPage.render(try await model(req, principal, showsInstitution: false, context: Portal.context(req, principal))))
    }

    func model(_ req: Request, _ principal: Principal, showsInstitution: Bool, context: PageContext) async throws -> JointRunsPage.Model {
        let runs = try await JointModelling.runs(req.services, principal)
        let names = Dictionary(try await req.accounts.institutions().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let labels = Dictionary(CenterFeatures.all.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
        return JointRunsPage.Model(
            context: context, showsInstitution: showsInstitution,
            runs: runs.map { run in
                .init(runId: run.runId, name: run.name, institutionName: names[run.institutionID] ?? "机构 #\(run.institutionID)",
                      centerFeatureLabels: run.centerFeatures.map { labels[$0] ?? $0 }, bankFeatureCount: run.bankFeatureCount,
                      offeredCount: run.offeredCount, alignedCount: run.alignedCount, keyBits: run.keyBits,
                      modelDigest: run.modelDigest, auc: run.auc, createdAt: run.createdAt)
            },
            features: CenterFeatures.all.compactMap { feature in
                guard let spec = req.catalog.dataset(feature.dataset), spec.level != .government else { return nil }
                return .init(name: feature.name, label: feature.label, datasetName: spec.name, needsConsent: spec.level == .authorised)
            })
    }
}
