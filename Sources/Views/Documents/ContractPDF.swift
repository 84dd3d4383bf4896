import Domain
import Foundation

/// The signed loan contract as a PDF: key terms, clauses, the whole repayment plan and the signature line.
public enum ContractPDF {
    public static func render(_ contract: LoanContract) -> [UInt8] {
        var pdf = SimplePDF()
        pdf.add("借款合同", .title, centered: true)
        pdf.add("合同编号 \(contract.number)", .small, centered: true, gapBefore: 2)
        pdf.add("一、主要条款", .heading, gapBefore: 10)
        for (label, value) in contract.keyTerms where label != "合同编号" { pdf.add("\(label)：\(value)") }
        pdf.add("二、合同条款", .heading, gapBefore: 10)
        for clause in LoanContract.clauses { pdf.add(clause) }
        pdf.add("三、还款计划（自签署日起算，以实际放款日顺延）", .heading, gapBefore: 10)
        pdf.add("期数    还款日          应还本金          应还利息          合计", .small)
        for i in contract.schedule.installments {
            pdf.add("第 \(i.number) 期  \(i.due)  本金 \(i.principal.yuanText)  利息 \(i.interest.yuanText)  合计 \(i.total.yuanText)", .small)
        }
        pdf.add("合计：本金 \(contract.terms.amount.yuanText)，利息 \(contract.schedule.totalInterest.yuanText)，"
                + "还款总额 \(contract.schedule.totalPayment.yuanText)", .small)
        pdf.add("四、签署", .heading, gapBefore: 10)
        if let signedAt = contract.signedAt {
            pdf.add("借款人 \(contract.borrowerName) 由 \(contract.signer ?? "—") 于 \(Format.dateTime(signedAt))（北京时间）"
                    + "以发送至 \(contract.signerPhone ?? "—") 的短信验证码确认签署。")
        }
        pdf.add("贷款人：\(contract.lenderName)")
        pdf.add("本合同电子文本的 SHA-256 摘要已记入信易贷平台透明日志，可在平台核验。", .small, gapBefore: 6)
        return pdf.render(title: "借款合同 \(contract.number)", created: contract.signedAt ?? Date(timeIntervalSince1970: 0))
    }
}
