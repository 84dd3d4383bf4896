/// Enterprise self-registration: the person registering names the firm's legal representative, which must
/// match the registry entry of the USCC (validate the USCC itself with `USCC` first).
public enum SelfRegistration: Sendable, Equatable, Hashable, Codable {
    case accepted
    case rejected(reason: String)

    /// Names are compared after removing half- and full-width spaces (see `RegisteredIdentity.sameName`).
    public static func check(registryEntry: RegisteredIdentity?, claimedLegalRepresentative: String) -> SelfRegistration {
        guard let entry = registryEntry else { return .rejected(reason: "未查询到该统一社会信用代码的登记信息") }
        guard !MarketplaceText.comparableName(claimedLegalRepresentative).isEmpty else {
            return .rejected(reason: "请填写法定代表人姓名")
        }
        guard RegisteredIdentity.sameName(entry.legalRepresentative, claimedLegalRepresentative) else {
            return .rejected(reason: "法定代表人姓名与登记信息不一致")
        }
        return .accepted
    }
}
