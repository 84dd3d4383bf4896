import Foundation
import Testing
@testable import Domain

@Suite struct CreditCommitmentTests {
    typealias F = MarketplaceFixtures
    let template = CommitmentTemplate(version: 3, title: "信用承诺书",
                                      body: "本企业承诺：\n一、所提供信息真实、准确、完整；\n二、依法诚信经营。")
    let signedAt = MarketplaceFixtures.date("2025-06-01", hour: 10)

    func sign(_ t: CommitmentTemplate? = nil, name: String = "大连示例科技有限公司", uscc: String = "91350100M000100Y43",
              rep: String = "张三", signer: String = "李四") throws -> CreditCommitment {
        try CreditCommitment.sign(t ?? template, uscc: uscc, firmName: name, legalRepresentative: rep,
                                  signerName: signer, at: signedAt)
    }

    @Test func sha256IsTheStandardDigest() {
        #expect(CreditCommitment.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func signingRecordsPartiesVersionAndHash() throws {
        let c = try sign(signer: "  李四 ")
        #expect(c.signerName == "李四")
        #expect(c.templateVersion == 3)
        #expect(c.contentHash.count == 64)
        #expect(c.contentHash == CreditCommitment.sha256Hex(CreditCommitment.canonicalText(
            template: template, uscc: "91350100M000100Y43", firmName: "大连示例科技有限公司",
            legalRepresentative: "张三", signerName: "李四")))
        #expect(c.verifies(against: template))
        #expect(try sign().contentHash == c.contentHash)
    }

    @Test func hashChangesWhenAnyContentChanges() throws {
        let base = try sign().contentHash
        var otherBody = template
        otherBody.body += "三、接受社会监督。"
        let variants = [
            try sign(otherBody), try sign(name: "大连示例科技股份有限公司"), try sign(uscc: "91210200MA0000000X"),
            try sign(rep: "王五"), try sign(signer: "赵六"),
            try sign(CommitmentTemplate(version: 4, title: template.title, body: template.body)),
        ]
        for v in variants { #expect(v.contentHash != base) }
        #expect(Set(variants.map(\.contentHash)).count == variants.count)
    }

    @Test func lineEndingsDoNotChangeTheHash() throws {
        let crlf = CommitmentTemplate(version: 3, title: template.title, body: template.body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try sign(crlf).contentHash == (try sign()).contentHash)
    }

    @Test func tamperingIsDetected() throws {
        var c = try sign()
        c.legalRepresentative = "王五"
        #expect(!c.verifies(against: template))
        var edited = template
        edited.body = edited.body.replacingOccurrences(of: "真实", with: "基本真实")
        #expect(!(try sign()).verifies(against: edited))
    }

    @Test func changedRegistrationRequiresResigning() throws {
        let c = try sign()
        #expect(c.isValid(forCurrent: RegisteredIdentity(name: "大连示例科技有限公司", legalRepresentative: "张三")))
        #expect(c.isValid(forCurrent: RegisteredIdentity(name: "大连示例科技有限公司 ", legalRepresentative: "张\u{3000}三")))
        #expect(c.validity(forCurrent: RegisteredIdentity(name: "大连示例科技有限公司", legalRepresentative: "王五"))
                == .mustResign(reasons: ["法定代表人已变更，需重新签署"]))
        #expect(c.validity(forCurrent: RegisteredIdentity(name: "大连新名称有限公司", legalRepresentative: "王五"))
                == .mustResign(reasons: ["企业名称已变更，需重新签署", "法定代表人已变更，需重新签署"]))
    }

    @Test func signingNeedsEveryParty() {
        #expect(throws: DomainError.invalidInput(field: "signerName", reason: "签署人不能为空")) { try sign(signer: "\u{3000}") }
        #expect(throws: DomainError.invalidInput(field: "firmName", reason: "企业名称不能包含换行")) { try sign(name: "甲\n乙") }
        #expect(throws: DomainError.invalidInput(field: "template", reason: "承诺书正文不能为空")) {
            try sign(CommitmentTemplate(version: 1, title: "t", body: " "))
        }
    }

    @Test func roundTrips() throws {
        let c = try sign()
        #expect(try F.roundTrip(c) == c)
    }
}
