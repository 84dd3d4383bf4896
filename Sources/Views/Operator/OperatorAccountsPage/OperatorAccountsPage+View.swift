import Domain

extension OperatorAccountsPage {
    public static func render(_ model: Model) -> String {
        func row(_ account: Account, actions: [PortalPage.Action]) -> [PortalPage.Cell] {
            let user = account.user
            return [.text(user.username), .twoLines(account.firmName ?? "（未登记）", user.uscc ?? ""), .text(user.displayName),
                    .text(user.phone ?? ""), .badge(user.status.label, tone: user.status == .active ? .success : .warning),
                    .actions(actions)]
        }
        let pendingRows = model.pending.map { account in
            row(account, actions: [
                .init("通过", path: "/console/accounts/\(account.user.id)/status", fields: ["status": "active"], isPrimary: true),
                .init("停用", path: "/console/accounts/\(account.user.id)/status", fields: ["status": "disabled"]),
            ])
        }
        let allRows = model.all.map { account in
            let next: AccountStatus = account.user.status == .active ? .disabled : .active
            return row(account, actions: [
                .init(next == .active ? "启用" : "停用", path: "/console/accounts/\(account.user.id)/status",
                      fields: ["status": next.rawValue]),
            ])
        }
        let headers = ["用户名", "企业", "联系人（法定代表人）", "手机", "状态", "操作"]
        return PortalPage.render(model.context, title: "企业账户", subtitle: "企业自助注册后，由信用中心核实开通", [
            .table(.init(title: "待审核（\(model.pending.count)）", id: "pending", headers: headers, rows: pendingRows,
                         emptyText: "没有待审核的企业账户")),
            .table(.init(title: "全部企业账户", id: "all", headers: headers, rows: allRows, emptyText: "还没有企业注册")),
        ])
    }
}
