/// Who reads the statistics: the credit center, and the departments that oversee lending — the finance bureau
/// (财政局), the financial regulator (金融发展局) and the central bank's branch (人民银行), read-only.
public enum StatAccess {
    public static let readingDepartments: Set<String> = ["czj", "jrj", "rmyh"]

    public static func mayRead(_ principal: Principal) -> Bool {
        principal.role == .creditCenter || isReadingDepartment(principal)
    }

    /// A department that reads the statistics (but does not close months, decide reports or publish).
    public static func isReadingDepartment(_ principal: Principal) -> Bool {
        principal.role == .department && readingDepartments.contains(principal.department?.code ?? "")
    }
}
