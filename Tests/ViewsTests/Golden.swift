import Foundation
import Testing

/// Golden files: a page rendered from a fixed model is compared with `Golden/<name>.html`. Run the tests with
/// `XYD_RECORD_GOLDEN=1` to write the files instead (then review the diff and commit them).
///
/// The stored form puts a line break between adjacent tags (`>` `<`), so a change shows as a readable line
/// diff; the comparison is over that form, so any change of the rendered HTML fails the test.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["XYD_RECORD_GOLDEN"] == "1" }

    /// The stored form of a rendered page.
    static func stored(_ html: String) -> String {
        html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    /// Nil when `html` matches the stored text, else a description of the first difference.
    static func mismatch(_ html: String, stored expected: String) -> String? {
        let actual = stored(html)
        guard actual != expected else { return nil }
        let actualLines = actual.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let want = line < expectedLines.count ? expectedLines[line] : "(end of file)"
        let got = line < actualLines.count ? actualLines[line] : "(end of output)"
        return "first difference at line \(line + 1):\n  golden: \(want)\n  now:    \(got)"
    }

    /// Checks `html` against `Golden/<name>.html`, or records it when `XYD_RECORD_GOLDEN=1`.
    static func check(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("\(name).html")
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(stored(html).utf8).write(to: url)
            } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("no golden file \(url.lastPathComponent); run the tests with XYD_RECORD_GOLDEN=1 to write it",
                         sourceLocation: sourceLocation)
            return
        }
        if let difference = mismatch(html, stored: expected) {
            Issue.record("\(name) differs from \(url.lastPathComponent) (rerun with XYD_RECORD_GOLDEN=1 if the change is intended); \(difference)",
                         sourceLocation: sourceLocation)
        }
    }
}
