/// The review steps by name, as pages and the API take them (`resubmit` carries material and `file` is the filing).
public enum FundStepKind: String, Sendable, Equatable, CaseIterable {
    case pass
    case requestMaterial = "request_material"
    case reject
    case approve
    case object
    case dismissObjection = "dismiss_objection"
    case upholdObjection = "uphold_objection"
    case closePublicity = "close_publicity"
    case pay
    case withdraw

    /// The action with its reason (ignored by the steps that take none).
    public func action(reason: String) -> FundClaimAction {
        switch self {
        case .pass: .pass
        case .requestMaterial: .requestMaterial(reason)
        case .reject: .reject(reason)
        case .approve: .approve
        case .object: .object(reason)
        case .dismissObjection: .dismissObjection(reason)
        case .upholdObjection: .upholdObjection(reason)
        case .closePublicity: .closePublicity
        case .pay: .pay
        case .withdraw: .withdraw(reason)
        }
    }

    public var needsReason: Bool { action(reason: "").reason != nil }
    public var label: String { action(reason: "").label }
}

extension FundClaim {
    /// The steps `roles` may take on the claim now.
    public func steps(for roles: [FundActorRole]) -> [FundStepKind] {
        FundStepKind.allCases.filter { kind in
            guard let (_, allowed) = Self.transition(status, kind.action(reason: "")) else { return false }
            return roles.contains { allowed.contains($0) }
        }
    }
}
