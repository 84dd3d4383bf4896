/// One loan (/bank/loans/:id): schedule, repayments and the repayment form.
public enum BankLoanPage {
    public typealias Model = LoanPageModel
}
