import Testing
@testable import Domain

@Suite struct SelfRegistrationTests {
    let entry = RegisteredIdentity(name: "大连示例科技有限公司", legalRepresentative: "张三")

    @Test func acceptsTheRegisteredLegalRepresentativeIgnoringSpaces() {
        for claimed in ["张三", " 张三 ", "\u{3000}张三\u{3000}", "张 三", "张\u{3000}三\t"] {
            #expect(SelfRegistration.check(registryEntry: entry, claimedLegalRepresentative: claimed) == .accepted, "\(claimed)")
        }
    }

    @Test func foldsFullWidthLettersAndMiddleDots() {
        let foreign = RegisteredIdentity(name: "x", legalRepresentative: "John Smith")
        #expect(SelfRegistration.check(registryEntry: foreign, claimedLegalRepresentative: "Ｊｏｈｎ　Ｓｍｉｔｈ") == .accepted)
        let minority = RegisteredIdentity(name: "x", legalRepresentative: "阿依古丽·买买提")
        #expect(SelfRegistration.check(registryEntry: minority, claimedLegalRepresentative: "阿依古丽・买买提") == .accepted)
    }

    @Test func rejectsWithAChineseReason() {
        #expect(SelfRegistration.check(registryEntry: entry, claimedLegalRepresentative: "张四")
                == .rejected(reason: "法定代表人姓名与登记信息不一致"))
        #expect(SelfRegistration.check(registryEntry: entry, claimedLegalRepresentative: " \u{3000} ")
                == .rejected(reason: "请填写法定代表人姓名"))
        #expect(SelfRegistration.check(registryEntry: nil, claimedLegalRepresentative: "张三")
                == .rejected(reason: "未查询到该统一社会信用代码的登记信息"))
    }
}
