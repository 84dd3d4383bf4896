import App
import DevTools
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// What every browser story shares: the app served on a free port, Debian's headless Chromium driving it, the
/// screenshots kept in `.build/artefacts/<name>` (one on failure too), and signing in and out as the demo users.
public enum BrowserStory {
    /// Serves `app`, starts a browser, runs `story` with the browser and the site's address, and stops both.
    public static func run(_ app: Application, name: String,
                           _ story: (WebDriver, String) async throws -> Void) async throws {
        let port = try ThrowawayPostgres.freePort()
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        let artefacts = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/artefacts/\(name)", isDirectory: true)
        try? FileManager.default.removeItem(at: artefacts)
        let browser: WebDriver
        do { browser = try await WebDriver.start(client: app.client, artefacts: artefacts) } catch {
            await app.server.shutdown()
            throw error
        }
        do {
            try await story(browser, "http://127.0.0.1:\(port)")
        } catch {
            _ = try? await browser.screenshot("failure")
            await browser.quit()
            await app.server.shutdown()
            throw error
        }
        await browser.quit()
        await app.server.shutdown()
    }
}

extension BrowserStory {
    /// The accounts and marketplace the stories start from: the sample firms registered (as the market regulator
    /// sends them) and evaluated, two banks with products, and (optionally) the firms' accounts.
    public static func marketplace(_ app: Application, enterpriseAccounts: Bool = true) async throws -> MarketFixtures {
        let base = try await Fixtures.seed(app)
        guard let clerk = try await app.accounts.principal(forToken: base.marketToken) else { throw Abort(.internalServerError) }
        _ = try await Ingestion.load(app.services, dataset: try app.platform.catalog.require("market.registration"), principal: clerk,
                                     source: .api, fileName: "registrations.csv", format: .csv,
                                     chunks: MemoryChunks(bytes: Array(SampleFiles.registrations.utf8)))
        try await app.reevaluate()
        return try await MarketFixtures.seed(app, base: base, enterpriseAccounts: enterpriseAccounts)
    }
}

extension WebDriver {
    /// Signs in with the test password and waits for the landing page (its sign-out button), unless refusal is expected.
    public func signIn(_ site: String, _ username: String, refused: Bool = false) async throws {
        try await open("\(site)/login")
        try await fill("#login-username", username)
        try await fill("#login-password", Fixtures.password)
        try await click("form.login-form button[type=submit]")
        if !refused { try await waitForText("退出登录") }
    }

    public func signOut() async throws {
        try await click(".logout-form button")
        try await waitForText("登录")
    }
}
