/// A 惩戒对象 of a listing (发改财金〔2017〕454号, RISK.md §3.2): the listed subject (the firm) and, marked with it,
/// its legal representative, actual controller and the responsible managers and staff.
public struct SanctionedParty: Sendable, Equatable, Hashable, Codable {
    public enum Role: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// The listed firm, or a person listed in their own name (失信主体).
        case subject
        case legalRepresentative = "legal_representative"
        case actualController = "actual_controller"
        /// 董事、监事、高级管理人员 with personal or direct responsibility.
        case responsibleManager = "responsible_manager"
        /// Directly responsible staff.
        case responsibleStaff = "responsible_staff"

        public var label: String {
            switch self {
            case .subject: "失信主体"
            case .legalRepresentative: "法定代表人"
            case .actualController: "实际控制人"
            case .responsibleManager: "负有责任的董事、监事、高级管理人员"
            case .responsibleStaff: "直接责任人员"
            }
        }
    }

    public var role: Role
    public var name: String
    /// The unified social credit code of a firm, or a person's identity number (kept as given; mask it for
    /// display with `Masking`).
    public var identifier: String

    public init(role: Role, name: String, identifier: String) {
        self.role = role; self.name = name; self.identifier = identifier
    }
}
