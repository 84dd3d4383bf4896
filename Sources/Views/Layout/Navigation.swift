import Domain

/// The one main navigation: what each role sees in the header, and the links shown to visitors. Every
/// page's `PageContext.navItems` comes from here.
public enum Navigation {
    /// The main navigation of a role, `active` being the current path (the longest matching prefix is
    /// highlighted: "/bank/products/3" → 产品, "/bank" → 工作台).
    public static func items(for role: Role, active: String) -> [NavItem] {
        let entries: [Entry] = switch role {
        case .creditCenter:
            // Grouped so that the header fits one row on a desktop screen.
            [.link("概览", "/console"),
             .group("数据归集", [("企业", "/console/enterprises"), ("批次", "/console/batches"), ("上传数据", "/console/upload"),
                             ("待更正拒收行", "/console/quarantine"), ("待关联记录", "/console/unlinked"), ("数据目录", "/console/catalog")]),
             .group("信贷市场", [("撮合概况", "/console/market"), ("贷款申请", "/console/applications"), ("贷款", "/console/loans"), ("融资需求", "/console/demands"),
                             ("机构", "/console/institutions"), ("账户审核", "/console/accounts"), ("产品审核", "/console/products"),
                             ("数字信用券", "/console/coupons"), ("联合建模", "/console/joint-runs")]),
             .group("信用管理", [("推荐清单", "/console/recommendations"), ("守信激励", "/console/red-list"), ("失信名单", "/console/listings"),
                             ("承诺书", "/console/commitments"), ("异议", "/console/objections"), ("信用修复", "/console/repairs")]),
             .group("风险防控", [("风险监测", "/console/monitoring"), ("风险补偿基金", "/console/fund")]),
             .link("统计分析", "/console/stats")]
        case .department:
            [("批次", "/console/batches"), ("上传数据", "/console/upload"), ("待更正", "/console/quarantine"),
             ("推荐企业", "/console/recommendations"), ("异议处理", "/console/objections"),
             ("数据目录", "/console/catalog")].map(Entry.link)
        case .institutionAdmin, .institutionStaff:
            // Grouped like the credit center's, so that the header fits one row.
            [.link("工作台", "/bank"), .link("产品", "/bank/products"),
             .group("获客", [("需求池", "/bank/demands"), ("推荐企业", "/bank/recommended"), ("预授信", "/bank/preapprovals"),
                           ("联合建模", "/bank/joint-runs")]),
             .group("信贷业务", [("申请", "/bank/applications"), ("贷款", "/bank/loans"), ("风险预警", "/bank/alerts")]),
             .group("政策工具", [("信用券结算", "/bank/coupons"), ("风险补偿", "/bank/fund")]),
             .link("统计报表", "/bank/reports")] + (role == .institutionAdmin ? [.link("员工", "/bank/staff")] : [])
        case .enterprise:
            [.link("首页", "/firm"),
             .group("我的信用", [("信用画像", "/firm/profile"), ("信用承诺", "/firm/commitment"), ("授权管理", "/firm/authorisations"),
                             ("守信激励", "/firm/incentives"), ("告知书", "/firm/notices"), ("异议", "/firm/objections"), ("信用修复", "/firm/repairs")]),
             .group("融资", [("产品与测额", "/firm/products"), ("融资需求", "/firm/demands"), ("推荐清单", "/firm/recommendation"),
                           ("我的信用券", "/firm/coupons")]),
             .group("我的贷款", [("我的申请", "/firm/applications"), ("我的贷款", "/firm/loans"), ("循环额度", "/firm/credit-lines")])]
        }
        let hrefs = entries.flatMap { entry -> [String] in
            switch entry {
            case .link(_, let href): [href]
            case .group(_, let children): children.map(\.1)
            }
        }
        let best = hrefs.filter { active == $0 || active.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        return entries.map { entry in
            switch entry {
            case .link(let label, let href):
                return NavItem(label: label, href: href, isActive: href == best)
            case .group(let label, let children):
                let items = children.map { NavItem(label: $0.0, href: $0.1, isActive: $0.1 == best) }
                return NavItem(label: label, href: items.first?.href ?? "", isActive: items.contains(where: \.isActive), children: items)
            }
        }
    }

    /// One entry of a role's navigation: a link, or a named group of links.
    enum Entry {
        case link(String, String)
        case group(String, [(String, String)])

        static func link(_ pair: (String, String)) -> Entry { .link(pair.0, pair.1) }
    }

    /// The main navigation of a principal: its role's, for the departments that review fund claims (核查, 审批,
    /// 拨付) the claims queue, and for the finance bureau, the financial regulator and the central bank the
    /// statistics (read-only).
    public static func items(for principal: Principal, active: String) -> [NavItem] {
        var items = items(for: principal.role, active: active)
        if principal.role == .department, FundDuties.isFundSide(principal) {
            items.insert(NavItem(label: "补偿审核", href: "/console/fund/claims", isActive: active.hasPrefix("/console/fund")), at: 0)
        }
        if StatAccess.isReadingDepartment(principal) {
            items.append(NavItem(label: "统计分析", href: "/console/stats", isActive: active == "/console/stats" || active.hasPrefix("/console/stats/")))
        }
        return items
    }

    /// The links a visitor (not signed in) sees on the public pages.
    public static func visitor(active: String) -> [NavItem] {
        [
            NavItem(label: "首页", href: "/", isActive: active == "/"),
            NavItem(label: "产品超市", href: "/public/products", isActive: active == "/public/products"),
            NavItem(label: "信用承诺公示", href: "/public/commitments", isActive: active == "/public/commitments"),
            NavItem(label: "推荐清单公示", href: "/public/recommendations", isActive: active == "/public/recommendations"),
            NavItem(label: "守信激励名单", href: "/public/red-list", isActive: active == "/public/red-list"),
            NavItem(label: "按时还款企业", href: "/public/on-time", isActive: active == "/public/on-time"),
            NavItem(label: "补偿公示", href: "/public/fund", isActive: active == "/public/fund"),
            NavItem(label: "企业注册", href: "/register", isActive: active == "/register"),
        ]
    }

    /// The role label shown beside the user's name, e.g. `信用中心` or `部门：市场监管局`.
    public static func roleLabel(_ principal: Principal) -> String {
        switch principal.role {
        case .creditCenter: "信用中心"
        case .department: "部门：\(principal.department?.name ?? "")"
        case .institutionAdmin, .institutionStaff: "\(principal.institution?.name ?? "金融机构") · \(principal.role.label)"
        case .enterprise: "企业用户"
        }
    }
}
