import Domain
import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Persistence

/// The applications `xyd bench api` submits: a firm may have one open application per product, so each is
/// a different (firm, product) pair. Made directly in the demo server's database: every registered firm
/// that is still in business signs the commitment, authorises all institutions and gets a token; each is
/// paired with each online product that has auto-approval rules, at the product's smallest amount.
enum BenchApplicants {
    struct Application: Sendable {
        let token: String
        let body: String
    }

    /// A demo city has two or three such products, fewer pairs than a run of seconds at a thousand decisions a
    /// second sends; so when `atLeast` asks for more, the products are copied (same institution, rules and terms,
    /// "压测副本 n" in the name), up to ten products in all, so that no firm has more open applications than a
    /// busy firm would. A firm that has used its quota on earlier copies is passed on to manual review instead of
    /// approved: still a decision by the rules.
    static func make(database: any Database, catalog: Catalog, firms limit: Int, atLeast wanted: Int = 0) async throws -> [Application] {
        let store = ProductStore(database: database)
        var products = try await store.products(status: .online).filter { $0.autoApproval?.rules.isEmpty == false }
        guard !products.isEmpty else { throw DomainError.notFound("带自动审批规则的在售产品") }
        let commitments = CommitmentStore(database: database)
        guard let template = try await commitments.latestTemplate() else { throw DomainError.notFound("信用承诺书模板") }
        let registry = RegistryStore(database: database)
        let accounts = AccountStore(database: database)
        let authorisations = AuthorisationStore(database: database)
        let listings = ListingStore(database: database)
        var tokens: [String] = []
        var page = 1
        while tokens.count < limit {
            let found = try await registry.search(EnterpriseQuery(paging: Paging(page: page, perPage: 200)))
            if found.items.isEmpty { break }
            // Firms on a dishonesty list are refused by the published measures (409): they would measure the refusal,
            // not the auto-approval path. Lists fed in through the data hub:
            let records = try await RecordStore(database: database).records(usccs: found.items.map(\.uscc), datasets: ExternalListings.datasets)
            var listed = Set(records.compactMap { uscc, rows in
                ExternalListings.entries(rows, uscc: uscc, firmName: "").contains { $0.removedOn == nil } ? uscc : nil
            })
            // And those the platform listed after its own procedure (a 2,000-firm demo has one: ten 409s in a run).
            listed.formUnion(try await listings.listed(usccs: found.items.map(\.uscc)).filter { !$0.value.isEmpty }.keys)
            for firm in found.items where firm.status == "存续" && !listed.contains(firm.uscc) && tokens.count < limit {
                _ = try await commitments.save(try CreditCommitment.sign(template, uscc: firm.uscc, firmName: firm.name,
                                                                        legalRepresentative: firm.legalRep,
                                                                        signerName: firm.legalRep, at: Date()))
                _ = try await authorisations.create(Authorisation(
                    id: "", uscc: firm.uscc, scope: .allRegisteredInstitutions, categories: catalog.authorisedCategories,
                    purposes: Set(AuthorisationPurpose.allCases), validFrom: .today(), validUntil: Day.today().adding(days: 365),
                    signedAt: Date()), by: firm.legalRep)
                tokens.append(try await accounts.createToken(name: "bench-firm-\(firm.uscc)", role: .enterprise, departmentID: nil,
                                                             uscc: firm.uscc))
            }
            page += 1
        }
        if !tokens.isEmpty, products.count * tokens.count < wanted {
            let originals = products
            let copies = min(10, (wanted + tokens.count - 1) / tokens.count) - originals.count
            for n in 0..<max(0, copies) {
                var copy = originals[n % originals.count]
                copy.id = ""
                copy.name += "（压测副本 \(n + 1)）"
                products.append(try await store.save(copy))
            }
        }
        // Product-major order: consecutive requests come from different firms.
        return products.flatMap { product in
            tokens.map { token in
                Application(token: token, body: #"{"productID":\#(product.id),"amountCents":\#(product.amountRange.minCents),"termMonths":\#(product.termRange.minMonths),"method":"\#((product.repaymentMethods.first ?? .equalInstallment).rawValue)","purpose":"压测"}"#)
            }
        }
    }

    /// Hands out each application once to whichever client asks next.
    final class Queue: Sendable {
        private let state: NIOLockedValueBox<(items: [Application], next: Int)>
        init(_ items: [Application]) { state = NIOLockedValueBox((items, 0)) }

        func next() -> Application? {
            state.withLockedValue { state in
                guard state.next < state.items.count else { return nil }
                defer { state.next += 1 }
                return state.items[state.next]
            }
        }
    }
}

/// nginx serving one file, the reference `xyd bench api` measures every route against: a C server that does
/// nothing else shows what the machine can do per request.
struct NginxReference {
    let url: String
    let process: Subprocess

    /// nil when nginx is not installed. The caller waits for `url` to answer.
    static func start(serving body: String, scratch: URL) throws -> NginxReference? {
        guard let executable = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return nil
        }
        let root = scratch.appendingPathComponent("nginx")
        for folder in ["logs", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try body.write(to: root.appendingPathComponent("app.css"), atomically: true, encoding: .utf8)
        let port = try ThrowawayPostgres.freePort()
        let config = """
            daemon off;
            worker_processes auto;
            pid \(root.path)/nginx.pid;
            error_log \(root.path)/logs/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path \(root.path)/tmp; proxy_temp_path \(root.path)/tmp; fastcgi_temp_path \(root.path)/tmp;
              uwsgi_temp_path \(root.path)/tmp; scgi_temp_path \(root.path)/tmp;
              types { text/css css; }
              server { listen 127.0.0.1:\(port); root \(root.path); }
            }
            """
        let file = root.appendingPathComponent("nginx.conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let process = try Subprocess.spawn(executable, ["-p", root.path, "-c", file.path], outputPath: root.appendingPathComponent("logs/out.log").path)
        return NginxReference(url: "http://127.0.0.1:\(port)/app.css", process: process)
    }

    func stop() { process.terminate() }
}
