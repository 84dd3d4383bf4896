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

/// The per-account ceiling on wrong passwords: after `maxFailures` in a row an account refuses every password,
/// the right one too, for `lockMinutes`.
///
/// Why a ceiling and not the old lock after 5: anyone could lock `admin` for 15 minutes with five requests.
/// Guessing is now slowed per client address (`SignInPolicy` in Services: 5 free failures, then waits that
/// double up to 15 minutes), so the ceiling is high (50 by default) and only stops guessing spread over many
/// addresses, which the address throttle cannot see: NIST SP 800-63B (5.2.2) asks for at most 100 consecutive
/// failures per account. From one address, 50 failures take hours of waiting (and a correct sign-in starts the
/// count again), so one stranger can no longer lock an account; the lock shows the same message as a wrong
/// password, so it does not tell anyone that the account exists or is locked.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailures: Int
    public var lockMinutes: Int

    public init(maxFailures: Int = 50, lockMinutes: Int = 15) {
        self.maxFailures = maxFailures; self.lockMinutes = lockMinutes
    }

    /// Whether the account refuses every password now.
    public func isLocked(_ account: UserAccount, nowMillis: Int64) -> Bool {
        account.lockedUntil.map { $0 > nowMillis } ?? false
    }

    /// When a lock that starts now ends (epoch milliseconds). The store counts the failures and locks at the
    /// `maxFailures`-th in one statement (`AccountStore.recordFailedLogin`), so simultaneous attempts all count.
    public func lockEnd(nowMillis: Int64) -> Int64 { nowMillis + Int64(lockMinutes) * 60_000 }
}
