import Domain

/// The one main navigation: what each role sees in the header, and the links shown to visitors. Every
/// page's `PageContext.navItems` comes from here.
public enum Navigation {
    /// The main navigation of a role, `active` being the current path (the longest matching prefix is
    /// highlighted: "/bank/products/3" → 产品, "/bank" → 工作台).
    public static func items(for role: Role, active: String) -> [NavItem] {
        let items: [(String, String)] = switch role {
        case .creditCenter:
            [("概览", "/console"), ("企业", "/console/enterprises"), ("批次", "/console/batches"),
             ("上传数据", "/console/upload"), ("撮合概况", "/console/market"), ("统计分析", "/console/stats"), ("机构", "/console/institutions"), ("账户审核", "/console/accounts"),
             ("产品审核", "/console/products"), ("推荐清单", "/console/recommendations"), ("风险监测", "/console/monitoring"), ("守信激励", "/console/red-list"), ("失信名单", "/console/listings"), ("风险补偿基金", "/console/fund"), ("承诺书", "/console/commitments"), ("异议", "/console/objections"),
             ("信用修复", "/console/repairs"), ("数据目录", "/console/catalog")]
        case .department:
            [("批次", "/console/batches"), ("上传数据", "/console/upload"), ("推荐企业", "/console/recommendations"), ("异议处理", "/console/objections"),
             ("数据目录", "/console/catalog")]
        case .institutionAdmin, .institutionStaff:
            [("工作台", "/bank"), ("产品", "/bank/products"), ("需求池", "/bank/demands"), ("推荐企业", "/bank/recommended"), ("风险预警", "/bank/alerts"), ("申请", "/bank/applications"),
             ("贷款", "/bank/loans"), ("风险补偿", "/bank/fund"), ("统计报表", "/bank/reports")] + (role == .institutionAdmin ? [("员工", "/bank/staff")] : [])
        case .enterprise:
            [("首页", "/firm"), ("信用画像", "/firm/profile"), ("信用承诺", "/firm/commitment"),
             ("授权管理", "/firm/authorisations"), ("融资需求", "/firm/demands"), ("推荐清单", "/firm/recommendation"), ("守信激励", "/firm/incentives"), ("产品与测额", "/firm/products"),
             ("我的申请", "/firm/applications"), ("我的贷款", "/firm/loans"), ("告知书", "/firm/notices"), ("异议", "/firm/objections"),
             ("信用修复", "/firm/repairs")]
        }
        let best = items.filter { active == $0.1 || active.hasPrefix($0.1 + "/") }.max { $0.1.count < $1.1.count }
        return items.map { NavItem(label: $0.0, href: $0.1, isActive: $0.1 == best?.1) }
    }

    /// The main navigation of a principal: its role's, for the departments that review fund claims (核查, 审批,
    /// 拨付) the claims queue, and for the finance bureau, the financial regulator and the central bank the
    /// statistics (read-only).
    public static func items(for principal: Principal, active: String) -> [NavItem] {
        var items = items(for: principal.role, active: active)
        if principal.role == .department, FundDuties.isFundSide(principal) {
            items.insert(NavItem(label: "补偿审核", href: "/console/fund/claims", isActive: active.hasPrefix("/console/fund")), at: 0)
        }
        if readsStatistics(principal) {
            items.append(NavItem(label: "统计分析", href: "/console/stats", isActive: active == "/console/stats" || active.hasPrefix("/console/stats/")))
        }
        return items
    }

    /// Department codes that read the statistics: 财政局, 金融监管局, 人民银行.
    public static let statisticsDepartments: Set<String> = ["czj", "jrj", "rmyh"]

    /// Whether `principal` is a department that reads the statistics (read-only).
    public static func readsStatistics(_ principal: Principal) -> Bool {
        principal.role == .department && statisticsDepartments.contains(principal.department?.code ?? "")
    }

    /// The links a visitor (not signed in) sees on the public pages.
    public static func visitor(active: String) -> [NavItem] {
        [
            NavItem(label: "产品超市", href: "/public/products", isActive: active == "/public/products"),
            NavItem(label: "信用承诺公示", href: "/public/commitments", isActive: active == "/public/commitments"),
            NavItem(label: "推荐清单公示", href: "/public/recommendations", isActive: active == "/public/recommendations"),
            NavItem(label: "守信激励名单", href: "/public/red-list", isActive: active == "/public/red-list"),
            NavItem(label: "按时还款企业", href: "/public/on-time", isActive: active == "/public/on-time"),
            NavItem(label: "补偿公示", href: "/public/fund", isActive: active == "/public/fund"),
            NavItem(label: "企业注册", href: "/register", isActive: active == "/register"),
            NavItem(label: "登录", href: "/login"),
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
