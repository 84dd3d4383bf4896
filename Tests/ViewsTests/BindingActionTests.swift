import Foundation
import Testing
@testable import Views

/// Binding or destructive actions (批准, 拒绝, 受理, 停用, 撤回, 退回, 放款, 驳回 …) ask before they act and never look
/// like the page's primary button (issue 16) — checked on every golden page, so a new page is held to it too.
@Suite struct BindingActionTests {
    @Test func everyBindingButtonAsksFirstAndIsNotPrimary() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Golden.directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }
        #expect(files.count > 60)
        let form = try NSRegularExpression(pattern: "<form([^>]*)>(.*?)</form>", options: [.dotMatchesLineSeparators])
        let button = try NSRegularExpression(pattern: "<button([^>]*)>(.*?)</button>", options: [.dotMatchesLineSeparators])
        let tag = try NSRegularExpression(pattern: "<[^>]+>")
        func groups(_ regex: NSRegularExpression, _ text: String) -> [[String]] {
            let ns = text as NSString
            return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
                (1..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
            }
        }
        var checked = 0
        for file in files {
            let html = try String(contentsOf: file, encoding: .utf8)
            for f in groups(form, html) {
                for b in groups(button, f[1]) {
                    let label = tag.stringByReplacingMatches(in: b[1], range: NSRange(location: 0, length: (b[1] as NSString).length),
                                                             withTemplate: "").trimmingCharacters(in: .whitespacesAndNewlines)
                    guard BindingActions.isBinding(label) else { continue }
                    checked += 1
                    let asks = f[0].range(of: "data-confirm") != nil || b[0].range(of: "data-confirm") != nil
                    #expect(asks, "\(file.lastPathComponent): “\(label)” acts without asking")
                    #expect(b[0].range(of: "btn-primary") == nil, "\(file.lastPathComponent): “\(label)” is styled as the primary action")
                }
            }
        }
        #expect(checked >= 10, "the golden pages hold binding actions to check: \(checked)")
    }

    @Test func theQuestionNamesTheAction() {
        #expect(BindingActions.confirmation("批准", given: nil) == "确认“批准”？此操作将记录在案。")
        #expect(BindingActions.confirmation("查询", given: nil) == nil)
        #expect(BindingActions.confirmation("拒绝", given: "确认拒绝该申请？") == "确认拒绝该申请？")
        #expect(BindingActions.buttonClass("确认放款", primary: true) == "btn btn-secondary")
        #expect(BindingActions.buttonClass("保存", primary: true) == "btn btn-primary")
    }
}
