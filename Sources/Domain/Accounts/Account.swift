/// Roles known to the spine; institutions and enterprises arrive with the marketplace.
public enum Role: String, Sendable, Codable, CaseIterable {
    case creditCenter = "credit_center"
    case department

    public var label: String {
        switch self {
        case .creditCenter: "信用中心"
        case .department: "政府部门"
        }
    }

    public var viewer: Viewer { self == .creditCenter ? .creditCenter : .department }
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

    public init(name: String, displayName: String, role: Role, department: Department?) {
        self.name = name; self.displayName = displayName; self.role = role; self.department = department
    }

    /// Whether this principal may load a batch of the dataset.
    public func maySubmit(_ dataset: DatasetSpec) -> Bool {
        switch role {
        case .creditCenter: true
        case .department: department?.maySubmit(dataset) ?? false
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

    public init(id: Int64, username: String, displayName: String, passwordHash: String, role: Role, departmentID: Int64?) {
        self.id = id; self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.role = role; self.departmentID = departmentID
    }
}
