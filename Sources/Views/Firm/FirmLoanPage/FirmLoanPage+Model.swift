/// One loan of the firm (/firm/loans/:id): schedule and repayments.
public enum FirmLoanPage {
    public typealias Model = LoanPageModel
}
