/// Actions that bind or undo (批准, 拒绝, 放款, 停用 …): whoever takes one is asked first, and its button is never
/// styled as the page's primary action. Decided here for every form and row action the portal pages render.
enum BindingActions {
    static let verbs = ["停用", "拒绝", "批准", "受理", "撤回", "退回", "放款", "驳回", "注销", "接受额度", "提款"]

    static func isBinding(_ label: String) -> Bool { verbs.contains { label.contains($0) } }

    /// The question asked before a binding action: the page's own, or `确认“批准”？此操作将记录在案。`.
    static func confirmation(_ label: String, given: String?) -> String? {
        if let given { return given }
        return isBinding(label) ? "确认“\(label)”？此操作将记录在案。" : nil
    }

    /// The button's class: binding actions look secondary, whatever the page asked.
    static func buttonClass(_ label: String, primary: Bool, small: Bool = false) -> String {
        let kind = primary && !isBinding(label) ? "btn-primary" : "btn-secondary"
        return "btn \(kind)" + (small ? " btn-sm" : "")
    }
}
