import App
import Domain
import Foundation
import Testing
import TestSupport
import Vapor

/// A large upload in a real headless Chromium (issue 16, "Long work"): while the server works, the page shows the rows
/// read and the rows written with the phase, as figures, not an endless indeterminate bar, until it lands on the batch.
/// Screenshots (desktop while reading or writing, phone) in `.build/artefacts/upload-story`.
@Suite(.serialized) struct UploadProgressStoryTests {
    @Test func aLargeUploadShowsRowsWrittenAndThePhaseUntilTheEnd() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await BrowserStory.marketplace(app)
            // 150,000 penalties of one firm, each its own record (about 15 MB).
            let firm = SampleFiles.code("91210202MA0000001")
            var csv = "record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n"
            csv.reserveCapacity(16_000_000)
            for n in 0..<150_000 {
                if n % 20_000 == 0 { await Task.yield() }   // other tests share the two cooperative threads
                csv += "L\(n),\(firm),大市监罚〔2025〕\(n)号,2025-03-01,大连市市场监督管理局,一般,未按规定公示年度报告,\(100 + n % 900)\n"
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("penalties-\(UUID().uuidString.prefix(6)).csv")
            try Data(csv.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }

            try await BrowserStory.run(app, name: "upload-story") { b, site in
                try await b.signIn(site, "scjgj")
                try await b.open("\(site)/console/upload")
                try await b.select("#upload-dataset", value: "admin.penalty")
                try await b.attach("#upload-file", file: file.path)
                try await b.click("#upload-submit")
                // The status names rows written while the server works (the poll comes every 0.6 s).
                var seen: [String] = []
                var shot = false
                let deadline = ContinuousClock.now + .seconds(120)
                while ContinuousClock.now < deadline {
                    let status = try await b.evaluate("var s = document.querySelector('.upload-status'); return s ? s.textContent : '';") as? String ?? ""
                    if status.contains("已写入"), !status.contains("已写入 0 行"), !status.contains("已完成"), !shot {
                        shot = true
                        try await b.screenshot("upload-in-progress")
                        try await b.resize(width: 390, height: 844)
                        #expect(try await b.overflowsHorizontally() == false)
                        try await b.screenshot("upload-in-progress-phone")
                        try await b.resize(width: 1280, height: 900)
                    }
                    if !status.isEmpty, seen.last != status { seen.append(status) }
                    if try await b.currentURL().contains("/console/batches/") { break }
                    try await Task.sleep(for: .milliseconds(150))
                }
                try await b.waitForText("处理结果")
                try await b.screenshot("batch")
                let written = seen.filter { $0.contains("已写入") }
                #expect(!written.isEmpty && shot, "the page showed rows written: \(seen)")
                #expect(written.allSatisfy { $0.contains("行") && $0.contains("：") }, "each status names its phase and rows: \(written)")
                #expect(!seen.contains { $0.contains("正在上传并校验") && $0 == seen.last }, "it did not end on the indeterminate bar: \(seen)")
            }
        }
    }
}
