import NIOFoundationCompat
import App
import DevTools
import Foundation
import Vapor

/// A small W3C WebDriver client over Debian's `chromedriver` and headless `chromium`, for tests that walk
/// the portals in a real browser. Nothing is downloaded: both programs must be on the PATH (`.ci/run`
/// installs them from Debian).
public final class WebDriver: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled(String)
        case protocolError(String)
        case elementNotFound(String)
        case timedOut(String)
        public var description: String {
            switch self {
            case .notInstalled(let what): "\(what) not found; install Debian's chromium and chromium-driver"
            case .protocolError(let text): "WebDriver: \(text)"
            case .elementNotFound(let selector): "no element matches \(selector)"
            case .timedOut(let what): "timed out waiting for \(what)"
            }
        }
    }

    let client: any Client
    let base: String
    let session: String
    let driver: Subprocess
    /// Screenshots of each step land here, numbered.
    public let artefacts: URL
    var step = 0

    static func find(_ names: [String]) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for dir in paths + ["/usr/bin", "/usr/lib/chromium"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Starts chromedriver on a free port and opens a headless browser session.
    public static func start(client: any Client, artefacts: URL) async throws -> WebDriver {
        guard let driverPath = find(["chromedriver"]) else { throw Failure.notInstalled("chromedriver") }
        guard let browserPath = find(["chromium", "chromium-browser"]) else { throw Failure.notInstalled("chromium") }
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let port = try ThrowawayPostgres.freePort()
        let log = artefacts.appendingPathComponent("chromedriver.log")
        let driver = try Subprocess.spawn(driverPath, ["--port=\(port)"], outputPath: log.path)
        let base = "http://127.0.0.1:\(port)"
        // Wait for the driver to listen.
        var ready = false
        for _ in 0..<100 {
            if let response = try? await client.get(URI(string: base + "/status")), response.status == .ok { ready = true; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard ready else { driver.terminate(); throw Failure.timedOut("chromedriver to start") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-chrome-\(UUID().uuidString.prefix(8))")
        var args = ["--headless=new", "--disable-gpu", "--window-size=1280,1000", "--lang=zh-CN",
                    "--user-data-dir=\(profile.path)", "--disable-dev-shm-usage", "--no-first-run"]
        if getuid() == 0 { args.append("--no-sandbox") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": browserPath, "args": args],
        ]]]
        let value = try await call(client, .POST, base + "/session", capabilities)
        guard let session = (value as? [String: Any])?["sessionId"] as? String else {
            driver.terminate()
            throw Failure.protocolError("no session id in \(String(describing: value))")
        }
        return WebDriver(client: client, base: base, session: session, driver: driver, artefacts: artefacts)
    }

    init(client: any Client, base: String, session: String, driver: Subprocess, artefacts: URL) {
        self.client = client; self.base = base; self.session = session; self.driver = driver; self.artefacts = artefacts
    }

    /// Ends the browser session and stops chromedriver.
    public func quit() async {
        _ = try? await Self.call(client, .DELETE, "\(base)/session/\(session)", nil)
        driver.terminate()
    }

    @discardableResult
    static func call(_ client: any Client, _ method: HTTPMethod, _ url: String, _ body: [String: Any]?) async throws -> Any? {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let data = try JSONSerialization.data(withJSONObject: body ?? [:])
        let response = try await client.send(method, headers: headers, to: URI(string: url)) { request in
            if method != .GET && method != .DELETE { request.body = ByteBuffer(data: data) }
        }
        guard let buffer = response.body, let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw Failure.protocolError("\(method) \(url): HTTP \(response.status.code) without JSON")
        }
        let value = object["value"]
        if response.status != .ok {
            let message = (value as? [String: Any])?["message"] as? String ?? "\(response.status)"
            throw Failure.protocolError("\(method) \(url): \(message)")
        }
        return value
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await Self.call(client, method, "\(base)/session/\(session)\(path)", body)
    }

    // MARK: Navigation and reading

    public func open(_ url: String) async throws { try await call(.POST, "/url", ["url": url]) }

    public func currentURL() async throws -> String { try await call(.GET, "/url") as? String ?? "" }

    public func pageText() async throws -> String {
        let body = try await element("body")
        return try await call(.GET, "/element/\(body)/text") as? String ?? ""
    }

    public func title() async throws -> String { try await call(.GET, "/title") as? String ?? "" }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    func element(_ selector: String) async throws -> String {
        do {
            let value = try await call(.POST, "/element", ["using": "css selector", "value": selector])
            guard let id = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure.elementNotFound(selector) }
            return id
        } catch Failure.protocolError {
            throw Failure.elementNotFound(selector)
        }
    }

    /// The element whose text contains `text` among those matching `selector` (e.g. a button by its label).
    func element(_ selector: String, containing text: String) async throws -> String {
        let value = try await call(.POST, "/elements", ["using": "css selector", "value": selector])
        for item in value as? [[String: Any]] ?? [] {
            guard let id = item[Self.elementKey] as? String else { continue }
            let shown = try await call(.GET, "/element/\(id)/text") as? String ?? ""
            if shown.contains(text) { return id }
        }
        throw Failure.elementNotFound("\(selector) containing “\(text)”")
    }

    // MARK: Acting

    /// Types into a field, replacing what it held.
    public func fill(_ selector: String, _ text: String) async throws {
        let id = try await element(selector)
        try await call(.POST, "/element/\(id)/clear", [:])
        try await call(.POST, "/element/\(id)/value", ["text": text])
    }

    /// Sets a field through script (for date inputs, whose typing depends on the locale).
    public func setValue(_ selector: String, _ value: String) async throws {
        let script = "document.querySelector(arguments[0]).value = arguments[1];"
        try await call(.POST, "/execute/sync", ["script": script, "args": [selector, value]])
    }

    /// Puts a local file into a file input (the browser reads it from disk when the form is sent).
    public func attach(_ selector: String, file path: String) async throws {
        let id = try await element(selector)
        try await call(.POST, "/element/\(id)/value", ["text": path])
    }

    /// Chooses the option at `index` of a select whose values the story cannot know (ids made while it runs).
    public func selectIndex(_ selector: String, _ index: Int) async throws {
        let script = "document.querySelector(arguments[0]).selectedIndex = arguments[1];"
        try await call(.POST, "/execute/sync", ["script": script, "args": [selector, index]])
    }

    public func select(_ selector: String, value: String) async throws {
        try await click("\(selector) option[value=\"\(value)\"]")
    }

    public func click(_ selector: String) async throws {
        let id = try await element(selector)
        try await call(.POST, "/element/\(id)/click", [:])
    }

    /// Clicks the first element matching `selector` whose text contains `text`.
    public func click(_ selector: String, containing text: String) async throws {
        let id = try await element(selector, containing: text)
        try await call(.POST, "/element/\(id)/click", [:])
    }

    /// The current value of an input, select or textarea.
    public func value(_ selector: String) async throws -> String {
        let id = try await element(selector)
        return try await call(.GET, "/element/\(id)/property/value") as? String ?? ""
    }

    /// Runs a script in the page and returns what it returns (e.g. whether a form passes the browser's own checks).
    public func evaluate(_ script: String, _ args: [Any] = []) async throws -> Any? {
        try await call(.POST, "/execute/sync", ["script": script, "args": args])
    }

    /// Resizes the window, e.g. to a phone's 390 × 844.
    public func resize(width: Int, height: Int) async throws {
        try await call(.POST, "/window/rect", ["width": width, "height": height])
    }

    /// Whether the page is wider than the window (a phone user would have to scroll sideways).
    public func overflowsHorizontally() async throws -> Bool {
        let script = "return document.documentElement.scrollWidth > window.innerWidth + 1;"
        return try await call(.POST, "/execute/sync", ["script": script, "args": []]) as? Bool ?? true
    }

    /// Accepts a `confirm()` dialog if one is open.
    public func acceptDialog() async throws {
        _ = try? await call(.POST, "/alert/accept", [:])
    }

    /// Waits until the page's text contains `text`.
    public func waitForText(_ text: String, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await pageText())?.contains(text) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure.timedOut("“\(text)” on \(try await currentURL())")
    }

    /// Saves a PNG of the page as the next numbered artefact and returns its path.
    @discardableResult
    public func screenshot(_ name: String) async throws -> URL {
        step += 1
        guard let base64 = try await call(.GET, "/screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure.protocolError("screenshot without image")
        }
        let url = artefacts.appendingPathComponent(String(format: "%02d-%@.png", step, name))
        try data.write(to: url)
        return url
    }
}
