/// What an authorised query may be used for.
public enum AuthorisationPurpose: String, Codable, Sendable, CaseIterable, Hashable {
    case loanApplication = "loan_application"
    case postLoan = "post_loan"

    public var label: String {
        switch self {
        case .loanApplication: "贷款申请"
        case .postLoan: "贷后管理"
        }
    }
}

/// Which institutions an authorisation covers.
public enum AuthorisationScope: Sendable, Equatable, Hashable {
    /// Every financial institution registered on the platform (the caller checks registration).
    case allRegisteredInstitutions
    case institutions(Set<String>)

    public func covers(_ institutionID: String) -> Bool {
        switch self {
        case .allRegisteredInstitutions: true
        case .institutions(let ids): ids.contains(institutionID)
        }
    }
}

/// Encoded as `{"kind": "all"}` or `{"kind": "institutions", "ids": [sorted ids]}`.
extension AuthorisationScope: Codable {
    private enum CodingKeys: String, CodingKey { case kind, ids }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "all": self = .allRegisteredInstitutions
        case "institutions": self = .institutions(Set(try c.decode([String].self, forKey: .ids)))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown scope \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .allRegisteredInstitutions: try c.encode("all", forKey: .kind)
        case .institutions(let ids):
            try c.encode("institutions", forKey: .kind)
            try c.encode(ids.sorted(), forKey: .ids)
        }
    }
}

/// Why an authorisation does not permit an access.
public enum AuthorisationDenial: Error, Sendable, Equatable, Hashable {
    case otherFirm
    case revoked(on: Day)
    case notYetValid(from: Day)
    case expired(on: Day)
    case institutionNotCovered
    case categoryNotCovered(String)
    case purposeNotCovered(AuthorisationPurpose)
    /// The firm has no authorisation at all.
    case none

    public var message: String {
        switch self {
        case .otherFirm: "授权书不属于该企业"
        case .revoked(let day): "授权书已于 \(day) 撤销"
        case .notYetValid(let day): "授权书自 \(day) 起生效，当前尚未生效"
        case .expired(let day): "授权书已于 \(day) 到期"
        case .institutionNotCovered: "授权范围不包含该金融机构"
        case .categoryNotCovered(let category): "授权范围不包含数据类别“\(category)”"
        case .purposeNotCovered(let purpose): "授权用途不包含“\(purpose.label)”"
        case .none: "企业尚未签署授权书"
        }
    }
}
