import Fluent
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// The demo city's demand hall and objection desk, so that both sides of each have something to show: firms (the demo
/// firm among them) publish financing demands over the last fortnight; the banks' officers take some and follow them
/// up (contacted, visited, turned into an application, not pursued with a reason), one taken a week ago is still not
/// contacted (shown late, in red); and the demo firm disputes one of its utility records with a file of evidence,
/// waiting for the utility company's clerk.
enum DemoDemands {
    static func seed(_ app: Application) async throws -> [String] {
        guard let demoUser = try await app.accounts.user(username: "firm-demo"), let demoFirm = demoUser.uscc,
              try await app.demandStore.demands(uscc: demoFirm).isEmpty else { return [] }
        let today = Day.today()
        func at(_ daysAgo: Int, hour: Double = 10) -> ServiceContext {
            app.services(clock: .fixed(today.adding(days: -daysAgo).date.addingTimeInterval(hour * 3600)))
        }
        let firms = try await publishers(app, besides: demoFirm)
        let purposes = ["采购原材料", "支付员工工资", "扩大生产线", "补充流动资金", "购置设备", "承接政府采购订单"]
        var demands: [FinancingDemand] = []
        for (n, firm) in ([(demoFirm, demoUser.displayName)] + firms).enumerated() {
            let principal = Principal(name: "demo-firm-\(n)", displayName: firm.1, role: .enterprise, department: nil, uscc: firm.0)
            let input = Demands.Input(amount: Cents(Int64(20 + (n * 30) % 180) * 1_000_000), termMonths: [12, 6, 24, 12, 36, 12][n % 6],
                                      purpose: purposes[n % purposes.count], urgency: DemandUrgency.allCases[n % DemandUrgency.allCases.count])
            demands.append(try await Demands.publish(at(14 - n), principal, input))
        }
        let staff = try await officers(app)
        guard staff.count >= 2 else { return [] }
        let (first, second) = (staff[0], staff[1])
        // The demo firm's demand: taken, contacted, visited. Others: turned into an application, declined with a reason,
        // taken a week ago and not yet contacted (late), taken today; the rest stay open in the pool.
        let plan: [(taker: Principal, takenAgo: Int, steps: [(DemandFollowUpStep, String, Int)])] = [
            (first, 13, [(.contacted, "电话联系法定代表人，约定上门时间", 12), (.visited, "实地走访生产车间，了解订单与回款情况", 10)]),
            (second, 12, [(.contacted, "电话沟通融资用途与期限", 11), (.applied, "企业已在平台提交“建行·信用快贷”申请", 9)]),
            (first, 11, [(.contacted, "电话沟通", 10), (.declined, "近一年纳税额下降超过三成，暂不符合信用贷款条件，建议申请政银担产品", 8)]),
            (second, 7, []),
            (first, 0, []),
        ]
        for (demand, step) in zip(demands, plan) {
            guard let id = Int64(demand.id) else { continue }
            _ = try await Demands.take(at(step.takenAgo, hour: 9), step.taker, demandID: id)
            for (kind, note, daysAgo) in step.steps {
                _ = try await Demands.followUp(at(daysAgo, hour: 15), step.taker, demandID: id, step: kind, note: note)
            }
        }
        let objection = try await objection(app, demoFirm: demoFirm, name: demoUser.displayName, context: at(2))
        return ["融资需求：\(demands.count) 条（\(plan.count) 条已接单，其中 1 条超过首次联系时限）"
                + (objection.map { "；异议：firm-demo 对缴费记录提出异议 #\($0)，待 ggsy 答复" } ?? "")]
    }

    /// Firms in business with a good or fair grade, with their commitment signed (a demand needs one).
    static func publishers(_ app: Application, besides demoFirm: String) async throws -> [(String, String)] {
        var chosen: [(String, String)] = []
        let commitments = CommitmentStore(database: app.db)
        guard let template = try await commitments.latestTemplate() else { return [] }
        let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: 2, perPage: 100)))
        for firm in found.items where firm.status == "存续" && firm.uscc != demoFirm && chosen.count < 7 {
            guard let grade = try await app.evaluationStore.current(firm.uscc)?.grade, ["A", "B"].contains(grade) else { continue }
            if try await commitments.commitments(uscc: firm.uscc).first(where: { $0.isInForce }) == nil {
                try await commitments.save(try CreditCommitment.sign(template, uscc: firm.uscc, firmName: firm.name,
                                                                     legalRepresentative: firm.legalRep, signerName: firm.legalRep, at: Date()))
            }
            chosen.append((firm.uscc, firm.legalRep))
        }
        return chosen
    }

    /// The two banks' officers, as their sessions would name them (their account id gives the name and phone the firm sees).
    static func officers(_ app: Application) async throws -> [Principal] {
        var result: [Principal] = []
        for code in ["dlbank", "ccbdl"] {
            guard let user = try await app.accounts.user(username: "\(code)-staff"), let id = user.institutionID,
                  let institution = try await app.accounts.institution(id: id) else { continue }
            result.append(Principal(name: user.username, displayName: user.displayName, role: .institutionStaff, department: nil,
                                    institution: institution, userID: user.id))
        }
        return result
    }

    /// The demo firm disputes its most recent utility record with a scanned receipt; the utility company's clerk answers.
    static func objection(_ app: Application, demoFirm: String, name: String, context: ServiceContext) async throws -> Int64? {
        let utilities = try await app.recordStore.records(uscc: demoFirm).filter { $0.dataset == "utility.payment" }
        let late = utilities.filter { (Int($0.content["days_late"] ?? "") ?? 0) > 0 }
        guard let record = (late.isEmpty ? utilities : late).max(by: { $0.eventDate < $1.eventDate }) else { return nil }
        let firm = Principal(name: "firm-demo", displayName: name, role: .enterprise, department: nil, uscc: demoFirm)
        let objection = try await Remedies.file(context, firm, .init(
            dataset: record.dataset, recordID: record.recordID,
            reason: "该月费用已于到期日前通过银行代扣足额缴纳，记录的欠费与逾期天数有误，附银行扣款回单", attachments: []))
        _ = try await ObjectionEvidence.attach(context, firm, objectionID: objection.id, fileName: "银行扣款回单.pdf",
                                               contentType: "application/pdf", bytes: Array("%PDF-1.4\n% 演示：银行扣款回单\n".utf8))
        return objection.id
    }
}
