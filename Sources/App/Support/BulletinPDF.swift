import Domain
import Foundation

/// Prints a page to PDF with the server's headless Chromium (Debian's `chromium`), the page's own print styles
/// inlined so nothing is fetched. Without Chromium the answer says to use the browser's print instead.
enum BulletinPDF {
    static func render(html: String, chromium: String?, publicDirectory: String) async throws -> Data {
        guard let chromium else {
            throw DomainError.unavailable("服务器未安装 Chromium，无法生成 PDF；请在通报页面使用浏览器的“打印”另存为 PDF")
        }
        let css = (try? String(contentsOfFile: publicDirectory + "static/app.css", encoding: .utf8)) ?? ""
        let page = html.replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"/static/app.css\">", with: "<style>\(css)</style>")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-pdf-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bulletin.html"), output = folder.appendingPathComponent("bulletin.pdf")
        try Data(page.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile",
                             "--print-to-pdf=\(output.path)", input.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { process.terminationHandler = nil; continuation.resume(throwing: error) }
        }
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            throw DomainError.unavailable("生成 PDF 失败（Chromium 退出码 \(process.terminationStatus)），请使用浏览器的“打印”另存为 PDF")
        }
        return pdf
    }

    /// The Chromium the server prints with: `XYD_CHROMIUM`, else Debian's in the usual places.
    static func findChromium(_ setting: String?) -> String? {
        if let setting { return FileManager.default.isExecutableFile(atPath: setting) ? setting : nil }
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/lib/chromium"]
        for dir in paths {
            for name in ["chromium", "chromium-browser", "google-chrome"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }
}
