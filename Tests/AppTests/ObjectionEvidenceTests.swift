import App
import CreditLog
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// Evidence for an objection as files (issue 16): the firm uploads them in its portal to its own open objection, the
/// department that answers it downloads the same bytes with their SHA-256, the digest is in the transparency log,
/// and nobody else reaches them.
@Suite struct ObjectionEvidenceTests {
    @Test(arguments: Backend.allCases)
    func firmAttachesFilesTheClerkDownloads(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await RemediesAPITests.setUp(app)
            _ = try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority
                AB1,\(SampleFiles.firmA),2026-03-02,未按期公示年度报告,大连市市场监督管理局

                """, token: f.base.marketToken)
            let filed = try await post(app, "/api/v1/objections", token: f.firmAToken,
                                       ["dataset": "market.abnormal", "recordID": "AB1", "reason": "已于次月补报年报"])
            let id = try #require(try filed.json()["id"] as? Int)

            var firm = ConsoleTests.Browser(app: app)
            #expect(try await firm.signIn("firm-a").status == .seeOther)
            var page = try await firm.get("/firm/objections")
            #expect(page.body.contains("上传证明材料") && page.body.contains("action=\"/firm/objections/evidence\""))
            let csrf = ConsoleTests.Browser.csrf(in: page.body)
            let content = "2026年度报告回执\n编号 GS-2026-0417\n"

            // A forged form is refused before anything is stored.
            var reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": "x"],
                                              fileName: "回执.pdf", file: content)
            #expect(reply.status == .forbidden)
            reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                          fileName: "年报回执.pdf", file: content)
            #expect(reply.status == .seeOther)
            page = try await firm.get("/firm/objections")
            #expect(page.body.contains("已为异议 #\(id) 上传证明材料：年报回执.pdf"))
            let link = try #require(page.body.range(of: "/firm/objections/evidence/[0-9]+", options: .regularExpression)
                .map { String(page.body[$0]) })
            let fileID = try #require(link.split(separator: "/").last.map(String.init))
            let sha = LogEntry.digest(of: Array(content.utf8))

            // The firm and the answering department get the same bytes and digest.
            let own = try await firm.get(link)
            #expect(own.status == .ok && own.body == content)
            let queue = try await send(app, .GET, "/console/objections", token: f.base.marketToken)
            #expect(queue.body.contains("/console/objections/evidence/\(fileID)") && queue.body.contains("年报回执.pdf"))
            let clerk = try await send(app, .GET, "/console/objections/evidence/\(fileID)", token: f.base.marketToken)
            #expect(clerk.status == .ok && clerk.body == content)
            #expect(clerk.headers.first(name: "X-Content-SHA256") == sha)
            #expect(clerk.headers.first(name: .contentDisposition)?.contains("attachment") == true)

            // Nobody else: another department, the other firm, a bank.
            #expect(try await send(app, .GET, "/console/objections/evidence/\(fileID)", token: f.base.courtToken).status == .notFound)
            #expect(try await send(app, .GET, "/firm/objections/evidence/\(fileID)", token: f.firmBToken).status == .notFound)
            #expect([.forbidden, .notFound].contains(
                try await send(app, .GET, "/console/objections/evidence/\(fileID)", token: f.bankAToken).status))

            // The digest is in the log, as an objection step.
            let checkpoint = try await app.signLogCheckpoint()
            let entries = try await app.logStore.entries(from: 0, to: checkpoint.size)
                .map { try LogEntry(canonicalBytes: Array($0.entry.utf8)) }
            #expect(entries.contains { $0.kind == .objection && $0.attributes["step"] == "evidence" && $0.attributes["evidence"] == sha })

            // At most five files; an empty file or one over 5 MB is refused with a reason.
            reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                          fileName: "空.pdf", file: "")
            page = try await firm.get("/firm/objections")
            #expect(page.body.contains("文件是空的"))
            reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                          fileName: "大.pdf", file: String(repeating: "x", count: 5 * 1_048_576 + 1))
            page = try await firm.get("/firm/objections")
            #expect(page.body.contains("文件超过 5 MB"))
            for n in 2...5 {
                reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                              fileName: "材料\(n).pdf", file: "材料 \(n)")
                #expect(reply.status == .seeOther)
            }
            reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                          fileName: "材料6.pdf", file: "材料 6")
            page = try await firm.get("/firm/objections")
            #expect(page.body.contains("最多") && !page.body.contains("材料6.pdf"))

            // Once answered, nothing more can be attached.
            let resolved = try await post(app, "/api/v1/objections/\(id)/resolve", token: f.base.marketToken,
                                          ["action": "reject", "reason": "经核实，企业未按期公示年度报告"])
            #expect(resolved.status == .ok)
            page = try await firm.get("/firm/objections")
            #expect(!page.body.contains("action=\"/firm/objections/evidence\""))
            reply = try await firm.upload("/firm/objections/evidence", fields: ["objection": "\(id)", "csrf": csrf],
                                          fileName: "补充.pdf", file: "补充")
            page = try await firm.get("/firm/objections")
            #expect(page.body.contains("已处理完毕"))
            #expect(try await firm.get(link).status == .ok, "the files stay readable after the answer")
        }
    }
}
