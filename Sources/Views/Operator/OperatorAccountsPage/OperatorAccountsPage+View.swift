import Domain

extension OperatorAccountsPage {
    public static func render(_ model: Model) -> String {
        func row(_ account: Account, actions: [PortalPage.Action]) -> [PortalPage.Cell] {
            let user = account.user
            return [.text(user.username), .twoLines(account.firmName ?? "（未登记）", user.uscc ?? ""), .text(user.displayName),
                    .text(user.phone ?? ""), .badge(user.status.label, tone: user.status == .active ? .success : .warning),
                    .actions(actions)]
        }
        var blocks: [PortalPage.Block] = []
        if model.pending.isEmpty {
            blocks.append(.notice("没有待审核的企业注册。", tone: .info))
        }
        // Each pending registration: what was claimed beside what the registry says, the evidence, and the firm's other
        // accounts; then pass, or reject with a reason the applicant reads.
        for account in model.pending {
            let user = account.user
            let legalRepMatches = account.registryLegalRepresentative == user.displayName
            var facts: [PortalPage.Fact] = [
                .init("企业（登记信息）", cell: .twoLines(account.firmName ?? "（登记信息中没有该代码）", user.uscc ?? "")),
                .init("法定代表人：申请填写 / 登记信息", cell: .twoLines(user.displayName, account.registryLegalRepresentative ?? "—")),
                .init("核对", cell: legalRepMatches ? .badge("姓名一致", tone: .success) : .badge("姓名不一致", tone: .danger)),
                .init("手机", user.phone ?? "—"),
            ]
            if let e = account.evidence {
                facts.append(.init("手机验证", "已于 \(Format.dateTime(e.phoneVerifiedAt)) 通过短信验证码验证"))
                facts.append(.init("个人信息处理同意", "已同意（版本 \(e.consentVersion)）"))
                facts.append(.init("证明材料", cell: .link("\(e.documentName)（\(max(1, e.documentSize / 1024)) KB）",
                                                      href: "/console/accounts/\(user.id)/document")))
            } else {
                facts.append(.init("证明材料", cell: .badge("无（早期注册，未上传材料、未验证手机）", tone: .warning)))
            }
            facts.append(.init("该企业的其他账户", cell: account.duplicates.isEmpty ? .text("无")
                : .badge(account.duplicates.map { "\($0.username)（\($0.displayName)，\($0.status.label)）" }.joined(separator: "；"),
                         tone: account.duplicates.contains { $0.status == .active } ? .danger : .warning)))
            facts.append(.init("操作", cell: .actions([
                .init("通过", path: "/console/accounts/\(user.id)/status", fields: ["status": "active"], isPrimary: true,
                      confirm: "确认开通 \(user.username) 的企业账户？"),
            ])))
            blocks.append(.facts(title: "待审核：\(user.username)", facts))
            blocks.append(.form(.init(title: "不予通过：\(user.username)", id: "reject-\(user.id)", action: "/console/accounts/\(user.id)/reject",
                                      fields: [.init("reason", "原因（申请人登录时可见）", kind: .textarea, isRequired: true,
                                                     hint: "如：法定代表人姓名与登记信息不一致；授权委托书未加盖公章")],
                                      submitLabel: "驳回注册", confirm: "确认驳回该注册？申请人登录时将看到原因。")))
        }
        let allRows = model.all.map { account in
            let next: AccountStatus = account.user.status == .active ? .disabled : .active
            return row(account, actions: [
                .init(next == .active ? "启用" : "停用", path: "/console/accounts/\(account.user.id)/status",
                      fields: ["status": next.rawValue], confirm: next == .active ? nil : "确认停用该账户？"),
            ])
        }
        let headers = ["用户名", "企业", "联系人（法定代表人）", "手机", "状态", "操作"]
        blocks.append(.table(.init(title: "全部企业账户", id: "all", headers: headers, rows: allRows, emptyText: "还没有企业注册")))
        return PortalPage.render(model.context, title: "企业账户", subtitle: "待审核 \(model.pending.count) 个：企业自助注册后，由信用中心核实开通", blocks)
    }
}
