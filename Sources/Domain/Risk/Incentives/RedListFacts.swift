/// What the red-list evaluation of one firm is checked against, as the platform holds it on the day.
public struct RedListFacts: Sendable, Equatable {
    public var uscc: String
    public var name: String
    /// The latest tax credit grade, if any.
    public var taxGrade: String?
    /// The firm's current grade of the platform's credit evaluation, if evaluated.
    public var evaluationGrade: String?
    /// The day of the firm's first loan through the platform (the start of its repayment history there).
    public var firstPlatformLoanOn: Day?
    /// The last day any loan of the firm on the platform was overdue (today if one is overdue now).
    public var lastOverdueOn: Day?
    /// The blocking effects of the firm's listings that day (`ListEffects.blocking`).
    public var blocking: [ListEffects.Reason]

    public init(uscc: String, name: String, taxGrade: String?, evaluationGrade: String?, firstPlatformLoanOn: Day?,
                lastOverdueOn: Day? = nil, blocking: [ListEffects.Reason] = []) {
        self.uscc = uscc; self.name = name; self.taxGrade = taxGrade; self.evaluationGrade = evaluationGrade
        self.firstPlatformLoanOn = firstPlatformLoanOn; self.lastOverdueOn = lastOverdueOn; self.blocking = blocking
    }
}
