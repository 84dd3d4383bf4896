import Domain
import Persistence
import Services
import Vapor
import Views

/// Times shown to users, in the platform's time zone.
enum Format {
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

/// Amounts typed by people: yuan with at most two decimals.
enum Money {
    static func cents(_ text: String?, field: String) throws -> Cents {
        let raw = (text ?? "").trimmingSpaces().replacingOccurrences(of: ",", with: "")
        guard let value = Decimal(string: raw), value > 0, value < 10_000_000_000 else {
            throw DomainError.invalidInput(field: field, reason: "应为大于 0 的金额（元），如 500000 或 1234.56")
        }
        var cents = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        guard rounded == cents else { throw DomainError.invalidInput(field: field, reason: "最多保留两位小数") }
        return Cents(NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// A rate typed as a percentage ("4.35") in basis points (435).
    static func basisPoints(_ text: String?, field: String) throws -> Int {
        guard let value = Double((text ?? "").trimmingSpaces()), value >= 0, value <= 100 else {
            throw DomainError.invalidInput(field: field, reason: "应为年利率百分数，如 4.35")
        }
        return Int((value * 100).rounded())
    }
}

/// Pieces of the application pages both portals show.
enum Applications {
    static func badge(_ status: ApplicationStatus) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .submitted, .accepted: .info
        case .approved, .contractSigned, .disbursed: .success
        case .settled: .neutral
        case .rejected, .withdrawn, .cancelled: .danger
        }
        return .badge(status.label, tone: tone)
    }

    static func summary(_ a: ApplicationStore.Stored, institutionName: String) -> [PortalPage.Block] {
        var facts: [PortalPage.Fact] = [
            .init("企业", a.firmName), .init("统一社会信用代码", cell: .mono(a.uscc)), .init("金融机构", institutionName),
            .init("产品", a.productName), .init("申请金额", a.requestedAmount.yuanText), .init("申请期限", "\(a.requestedTermMonths) 个月"),
            .init("还款方式", a.requestedMethod.label), .init("资金用途", a.purpose), .init("状态", cell: badge(a.state.status)),
            .init("依据授权书", a.authorisationID.map { "#\($0)" } ?? "—"), .init("提交时间", Format.time(a.createdAt)),
        ]
        if let terms = a.state.terms {
            facts += [.init("批准金额", terms.amount.yuanText), .init("批准利率", terms.rate.percentText),
                      .init("批准期限", "\(terms.termMonths) 个月"), .init("批准还款方式", terms.method.label)]
        }
        switch a.state.decidedBy {
        case .system(let rules): facts.append(.init("审批方式", "系统自动审批（依据规则：\(rules.joined(separator: "、"))）"))
        case .institution: facts.append(.init("审批方式", "人工审批"))
        case nil: break
        }
        if let reason = a.state.reason { facts.append(.init("原因", reason)) }
        return [.facts(title: "申请信息", facts)]
    }

    static func timeline(_ steps: [ApplicationStore.Step]) -> PortalPage.Block {
        .table(.init(title: "办理记录", id: "timeline", headers: ["时间", "办理人", "操作", "状态变化", "说明"], rows: steps.map { step in
            [.text(Format.time(step.at)), .text(step.actor), .text(step.action),
             .text(step.from.isEmpty || step.from == step.to ? step.to : "\(step.from) → \(step.to)"), .text(step.note)]
        }, emptyText: "暂无记录"))
    }
}

/// Pieces of the loan pages both portals show.
enum Loans {
    static func classBadge(_ loanClass: LoanClass) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch loanClass {
        case .normal: .success
        case .specialMention: .warning
        case .substandard, .doubtful, .loss: .danger
        }
        return .badge(loanClass.label, tone: tone)
    }

    static func row(prefix: String) -> (LoanStore.Stored) -> [PortalPage.Cell] {
        { loan in
            let schedule = loan.ledger.schedule
            return [.link("#\(loan.id)", href: "\(prefix)/\(loan.id)"), .twoLines(loan.productName, loan.firmName),
                    .text(schedule.principal.yuanText), .text(schedule.rate.percentText), .text("\(schedule.termMonths) 个月"),
                    .text(loan.outstanding.yuanText), .text("\(loan.overdueDays)"), classBadge(loan.classification),
                    loan.settled ? .badge("已结清", tone: .neutral) : .badge("还款中", tone: .info)]
        }
    }

    static func blocks(_ loan: LoanStore.Stored, today: Day) -> [PortalPage.Block] {
        let position = loan.ledger.position(asOf: today)
        let schedule = loan.ledger.schedule
        return [
            .stats([
                .init("贷款本金", schedule.principal.yuanText), .init("剩余本金", position.outstandingPrincipal.yuanText),
                .init("当前应还", position.amountDue.yuanText, tone: position.amountDue.isPositive ? .warning : .neutral),
                .init("逾期天数", "\(position.overdueDays)", tone: position.overdueDays > 0 ? .danger : .neutral),
                .init("五级分类", loan.classification.label),
            ]),
            .facts(title: "贷款条件", [
                .init("放款日", schedule.start.description), .init("到期日", schedule.maturity.description),
                .init("年利率", schedule.rate.percentText), .init("还款方式", schedule.method.label),
                .init("利息合计", schedule.totalInterest.yuanText), .init("本息合计", schedule.totalPayment.yuanText),
            ]),
            .table(.init(title: "还款计划", id: "schedule", headers: ["期数", "应还日", "本金", "利息", "合计", "已还", "状态"],
                         rows: position.installments.map { p in
                [.text("\(p.installment.number)"), .text(p.installment.due.description), .text(p.installment.principal.yuanText),
                 .text(p.installment.interest.yuanText), .text(p.installment.total.yuanText), .text(p.paid.yuanText),
                 .badge(p.status.label, tone: p.status == .paid ? .success : (p.status == .overdue ? .danger : .neutral))]
            }, emptyText: "无还款计划")),
            .table(.init(title: "还款记录", id: "repayments", headers: ["日期", "金额"], rows: loan.ledger.repayments.map {
                [.text($0.day.description), .text($0.amount.yuanText)]
            }, emptyText: "尚无还款")),
        ]
    }
}
