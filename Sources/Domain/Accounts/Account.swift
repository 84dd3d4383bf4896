/// Who an account belongs to. Institution staff and admins belong to one institution (the tenant);
/// an enterprise user is bound to one USCC.
public enum Role: String, Sendable, Codable, CaseIterable {
    case creditCenter = "credit_center"
    case department
    case institutionAdmin = "institution_admin"
    case institutionStaff = "institution_staff"
    case enterprise

    public var label: String {
        switch self {
        case .creditCenter: "信用中心"
        case .department: "政府部门"
        case .institutionAdmin: "金融机构管理员"
        case .institutionStaff: "金融机构业务员"
        case .enterprise: "企业用户"
        }
    }

    public var isInstitution: Bool { self == .institutionAdmin || self == .institutionStaff }

    /// What the role sees of a firm's profile before any authorisation is taken into account.
    public var viewer: Viewer {
        switch self {
        case .creditCenter: .creditCenter
        case .department: .department
        case .institutionAdmin, .institutionStaff: .institution(authorisedCategories: [])
        case .enterprise: .publicViewer
        }
    }

    /// Where the role lands after signing in.
    public var homePath: String {
        switch self {
        case .creditCenter: "/console"
        case .department: "/console/batches"
        case .institutionAdmin, .institutionStaff: "/bank"
        case .enterprise: "/firm"
        }
    }
}

/// A financial institution: a tenant of the marketplace.
public struct Institution: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case bank, guarantor, microLender = "micro_lender"
        public var label: String {
            switch self {
            case .bank: "银行"
            case .guarantor: "融资担保机构"
            case .microLender: "小额贷款公司"
            }
        }
    }

    public var id: Int64
    public var code: String
    public var name: String
    public var kind: Kind

    public init(id: Int64, code: String, name: String, kind: Kind) {
        self.id = id; self.code = code; self.name = name; self.kind = kind
    }

    /// Names by id as text (the form products, demands and authorisations refer to institutions by).
    public static func names(_ institutions: [Institution]) -> [String: String] {
        Dictionary(institutions.map { (String($0.id), $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

/// What an API token may do: `read` tokens may only read (GET); `write` tokens may do all the role may.
public enum TokenScope: String, Sendable, Codable, CaseIterable {
    case read, write
    public var label: String { self == .read ? "只读" : "读写" }
}

/// Whether an account may sign in.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active, pending, disabled
    public var label: String {
        switch self {
        case .active: "正常"
        case .pending: "待审核"
        case .disabled: "已停用"
        }
    }
}

public struct Department: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    /// Datasets this department may submit, besides those open to every department.
    public var datasets: [String]

    public init(id: Int64, code: String, name: String, datasets: [String]) {
        self.id = id; self.code = code; self.name = name; self.datasets = datasets
    }

    /// Datasets whose catalog department is "各部门" may be sent by any department.
    public func maySubmit(_ dataset: DatasetSpec) -> Bool {
        dataset.department == "各部门" || datasets.contains(dataset.id)
    }
}

/// Someone signed in, or a machine client holding a token.
public struct Principal: Sendable, Equatable {
    public var name: String
    public var displayName: String
    public var role: Role
    public var department: Department?
    public var institution: Institution?
    /// The firm an enterprise user acts for.
    public var uscc: String?
    /// The account behind a session (nil for API tokens).
    public var userID: Int64?
    public var scope: TokenScope

    public init(name: String, displayName: String, role: Role, department: Department?,
                institution: Institution? = nil, uscc: String? = nil, userID: Int64? = nil, scope: TokenScope = .write) {
        self.name = name; self.displayName = displayName; self.role = role; self.department = department
        self.institution = institution; self.uscc = uscc; self.userID = userID; self.scope = scope
    }

    /// The institution a staff member or admin works for, or a 403.
    public func requireInstitution() throws -> Institution {
        guard role.isInstitution, let institution else { throw DomainError.forbidden("仅限金融机构用户") }
        return institution
    }

    /// The firm an enterprise user acts for, or a 403.
    public func requireEnterprise() throws -> String {
        guard role == .enterprise, let uscc else { throw DomainError.forbidden("仅限企业用户") }
        return uscc
    }

    /// Whether this principal may load a batch of the dataset.
    public func maySubmit(_ dataset: DatasetSpec) -> Bool {
        switch role {
        case .creditCenter: true
        case .department: department?.maySubmit(dataset) ?? false
        case .institutionAdmin, .institutionStaff, .enterprise: false
        }
    }
}

public struct UserAccount: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var role: Role
    public var departmentID: Int64?
    public var institutionID: Int64?
    public var uscc: String?
    public var phone: String?
    public var status: AccountStatus
    public var failedLogins: Int
    /// Epoch milliseconds until which sign-in is refused after too many failures.
    public var lockedUntil: Int64?

    public init(id: Int64, username: String, displayName: String, passwordHash: String, role: Role, departmentID: Int64?,
                institutionID: Int64? = nil, uscc: String? = nil, phone: String? = nil, status: AccountStatus = .active,
                failedLogins: Int = 0, lockedUntil: Int64? = nil) {
        self.id = id; self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.role = role; self.departmentID = departmentID; self.institutionID = institutionID; self.uscc = uscc
        self.phone = phone; self.status = status; self.failedLogins = failedLogins; self.lockedUntil = lockedUntil
    }
}

/// Sign-in throttling: after `maxFailures` wrong passwords in a row an account is locked for `lockMinutes`.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailures: Int
    public var lockMinutes: Int

    public init(maxFailures: Int = 5, lockMinutes: Int = 15) {
        self.maxFailures = maxFailures; self.lockMinutes = lockMinutes
    }

    /// Why the account may not try now, if it may not.
    public func refusal(_ account: UserAccount, nowMillis: Int64) -> String? {
        if let until = account.lockedUntil, until > nowMillis {
            let minutes = max(1, Int((until - nowMillis + 59_999) / 60_000))
            return "连续登录失败次数过多，账号已临时锁定，请 \(minutes) 分钟后再试"
        }
        switch account.status {
        case .active: return nil
        case .pending: return "账号尚在审核中，审核通过后即可登录"
        case .disabled: return "账号已停用，请联系平台运营方"
        }
    }

    /// The failure count and lock after one more wrong password.
    public func afterFailure(_ account: UserAccount, nowMillis: Int64) -> (failures: Int, lockedUntil: Int64?) {
        let failures = account.failedLogins + 1
        return failures >= maxFailures ? (0, nowMillis + Int64(lockMinutes) * 60_000) : (failures, nil)
    }
}
