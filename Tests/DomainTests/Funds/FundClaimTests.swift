import Testing
@testable import Domain

/// The claim's review (seed 001 第十七条): every step by its role with a deadline and a reason, the material loop,
/// publicity with objections, and every step the state does not allow refused (409 at the API).
@Suite struct FundClaimTests {
    typealias F = FundFixtures

    static let complete: [FundAttachment] = [
        FundAttachment(kind: .applicationForm, file: "form.pdf"),
        FundAttachment(kind: .institutionDocuments, file: "licence.pdf"),
        FundAttachment(kind: .eligibilityDocuments, file: "art11.pdf"),
        FundAttachment(kind: .disbursementProof, file: "receipt.pdf"),
        FundAttachment(kind: .classificationProof, file: "loss.pdf"),
        FundAttachment(kind: .truthfulnessStatement, file: "pledge.pdf", signedBy: "王行长"),
    ]

    func filed(on day: String = "2026-03-02") throws -> (FundClaim, FundScheme.Version) {
        let v = try F.lingyuan()
        let claim = try FundClaim(claimId: "C1", coverage: F.coverage(amount: Cents(yuan: 1_000_000)), version: v,
                                  filedOn: F.day(day), by: "bank-staff", attachments: Self.complete, firstClaim: true)
        return (claim, v)
    }

    @Test func theChecklistMustBeCompleteAndTheStatementSigned() throws {
        let v = try F.lingyuan()
        var unsigned = Self.complete
        unsigned[5].signedBy = " "
        #expect(throws: DomainError.invalidInput(field: "attachments", reason: "缺少材料：申请材料真实有效承诺书")) {
            try FundClaim(claimId: "C1", coverage: F.coverage(amount: Cents(yuan: 1)), version: v, filedOn: F.day("2026-03-02"),
                          by: "x", attachments: unsigned, firstClaim: true)
        }
        let later = Self.complete.filter { $0.kind != .institutionDocuments }
        #expect(FundMaterials.missing(later, version: v, firstClaim: false).isEmpty, "institution documents only on the first claim")
        #expect(FundMaterials.missing(later, version: v, firstClaim: true).map(\.kind) == [.institutionDocuments])
    }

    @Test func theHappyPathHasADeadlineAndAnActorOnEveryStep() throws {
        var (claim, v) = try filed() // Monday 2 March 2026
        #expect(claim.status == .filed && claim.deadline == F.day("2026-03-09"), "5 working days")
        claim = try claim.applying(.pass, on: F.day("2026-03-05"), role: .fundOffice, by: "基金办张三", version: v)
        #expect(claim.status == .verification && claim.deadline == F.day("2026-03-12"))
        claim = try claim.applying(.pass, on: F.day("2026-03-10"), role: .verifier, by: "金融发展局李四", version: v)
        #expect(claim.status == .approval && claim.deadline == F.day("2026-03-24"), "10 working days")
        claim = try claim.applying(.approve, on: F.day("2026-03-20"), role: .leadingGroup, by: "领导小组", version: v)
        #expect(claim.status == .publicity && claim.publicityUntil == F.day("2026-03-27") && claim.deadline == claim.publicityUntil)
        #expect(throws: DomainError.conflict("公示期至 2026-03-27 结束，期满后方可结束公示")) {
            try claim.applying(.closePublicity, on: F.day("2026-03-27"), role: .fundOffice, by: "基金办", version: v)
        }
        claim = try claim.applying(.closePublicity, on: F.day("2026-03-28"), role: .fundOffice, by: "基金办", version: v)
        #expect(claim.status == .payment)
        #expect(claim.isOverdue(on: F.day("2026-04-20")) && !claim.isOverdue(on: F.day("2026-04-10")))
        claim = try claim.applying(.pay, on: F.day("2026-04-01"), role: .financeBureau, by: "财政局", version: v)
        #expect(claim.status == .paid && claim.deadline == nil && claim.status.isFinal)
        #expect(claim.steps.first?.action.label == "提交补偿申请")
        #expect(claim.steps.map(\.to) == [.filed, .verification, .approval, .publicity, .payment, .paid])
        #expect(claim.steps.map(\.role) == [.applicant, .fundOffice, .verifier, .leadingGroup, .fundOffice, .financeBureau])
    }

    @Test func moreMaterialLoopsBackToThePreliminaryReview() throws {
        var (claim, v) = try filed()
        claim = try claim.applying(.pass, on: F.day("2026-03-03"), role: .fundOffice, by: "基金办", version: v)
        claim = try claim.applying(.requestMaterial("请补充损失类认定的审批记录"), on: F.day("2026-03-04"), role: .verifier, by: "人民银行", version: v)
        #expect(claim.status == .awaitingMaterial && claim.deadline == F.day("2026-03-18"))
        #expect(claim.steps.last?.reason == "请补充损失类认定的审批记录")
        #expect(throws: DomainError.invalidInput(field: "attachments", reason: "补正后仍缺少材料：申请材料真实有效承诺书")) {
            try claim.applying(.resubmit(Array(Self.complete.dropLast())), on: F.day("2026-03-06"), role: .applicant, by: "银行", version: v)
        }
        claim = try claim.applying(.resubmit(Self.complete), on: F.day("2026-03-06"), role: .applicant, by: "银行", version: v)
        #expect(claim.status == .filed && claim.deadline == F.day("2026-03-13"))
    }

    @Test func anObjectionInPublicityIsDismissedOrUpheld() throws {
        var (claim, v) = try filed()
        for (action, role) in [(FundClaimAction.pass, FundActorRole.fundOffice), (.pass, .verifier), (.approve, .leadingGroup)] {
            claim = try claim.applying(action, on: F.day("2026-03-03"), role: role, by: "x", version: v)
        }
        let objected = try claim.applying(.object("该企业已获其他补偿"), on: F.day("2026-03-05"), role: .publicMember, by: "公众", version: v)
        #expect(objected.status == .objected)
        let dismissed = try objected.applying(.dismissObjection("经核查未获其他补偿"), on: F.day("2026-03-06"), role: .fundOffice, by: "基金办", version: v)
        #expect(dismissed.status == .publicity && dismissed.deadline == claim.publicityUntil)
        let upheld = try objected.applying(.upholdObjection("重复补偿属实"), on: F.day("2026-03-06"), role: .fundOffice, by: "基金办", version: v)
        #expect(upheld.status == .rejected && upheld.steps.last?.reason == "重复补偿属实")
    }

    @Test func reasonsRolesOrderAndVersionAreChecked() throws {
        let (claim, v) = try filed()
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "“驳回”须写明理由")) {
            try claim.applying(.reject("  "), on: F.day("2026-03-03"), role: .fundOffice, by: "x", version: v)
        }
        #expect(throws: DomainError.forbidden("“审核通过”须由基金办公室办理，不能由申请机构办理")) {
            try claim.applying(.pass, on: F.day("2026-03-03"), role: .applicant, by: "x", version: v)
        }
        #expect(throws: DomainError.invalidInput(field: "day", reason: "办理日期不能早于上一步（2026-03-02）")) {
            try claim.applying(.pass, on: F.day("2026-03-01"), role: .fundOffice, by: "x", version: v)
        }
        var other = v
        other.version = 1
        #expect(throws: DomainError.conflict("补偿申请按方案第 2 版办理，不能按第 1 版")) {
            try claim.applying(.pass, on: F.day("2026-03-03"), role: .fundOffice, by: "x", version: other)
        }
        let rejected = try claim.applying(.reject("贷款未划分为损失类"), on: F.day("2026-03-03"), role: .fundOffice, by: "x", version: v)
        #expect(rejected.status == .rejected && rejected.steps.last?.reason == "贷款未划分为损失类")
    }

    /// The allowed steps, written out here independently of the implementation's table.
    static let allowed: Set<String> = [
        "filed/pass", "filed/requestMaterial", "filed/reject", "filed/withdraw",
        "verification/pass", "verification/requestMaterial", "verification/reject",
        "approval/approve", "approval/requestMaterial", "approval/reject",
        "publicity/object", "publicity/closePublicity",
        "objected/dismissObjection", "objected/upholdObjection",
        "payment/pay",
        "awaitingMaterial/resubmit", "awaitingMaterial/withdraw",
    ]

    static let actions: [(String, FundClaimAction)] = [
        ("file", .file(complete)), ("pass", .pass), ("requestMaterial", .requestMaterial("r")), ("resubmit", .resubmit(complete)), ("reject", .reject("r")),
        ("approve", .approve), ("object", .object("r")), ("dismissObjection", .dismissObjection("r")),
        ("upholdObjection", .upholdObjection("r")), ("closePublicity", .closePublicity), ("pay", .pay), ("withdraw", .withdraw("r")),
    ]

    @Test(arguments: FundClaimStatus.allCases)
    func everyIllegalStepThrowsAndEveryLegalOneIsTakenByItsRole(status: FundClaimStatus) throws {
        let (filed, v) = try filed()
        var claim = filed
        claim.status = status
        claim.publicityUntil = F.day("2026-03-01")
        let name = status == .awaitingMaterial ? "awaitingMaterial" : status.rawValue
        for (key, action) in Self.actions {
            let isAllowed = Self.allowed.contains("\(name)/\(key)")
            if let (_, roles) = FundClaim.transition(status, action) {
                #expect(isAllowed, "\(name)/\(key) should be refused")
                #expect(throws: Never.self, "\(name)/\(key)") {
                    try claim.applying(action, on: F.day("2026-03-10"), role: roles[0], by: "x", version: v)
                }
            } else {
                #expect(!isAllowed, "\(name)/\(key) should be allowed")
                for role in FundActorRole.allCases {
                    #expect(throws: DomainError.illegalTransition(entity: "补偿申请", from: status.label, action: action.label)) {
                        try claim.applying(action, on: F.day("2026-03-10"), role: role, by: "x", version: v)
                    }
                }
            }
        }
    }
}
