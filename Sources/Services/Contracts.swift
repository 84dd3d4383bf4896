import Domain
import Foundation
import Persistence

/// The loan contract (issue 16): once the application is approved the firm reads the contract with the whole
/// repayment plan, asks for a one-time code sent to its phone, and signs with it; the signed PDF is stored and its
/// SHA-256 logged in the same transaction that moves the application to 已签约.
public enum Contracts {
    /// How the signer proved it holds the firm's phone.
    public enum SecondFactor: Sendable {
        /// The code from the SMS.
        case code(String?)
        /// Seeding a demo city or a test's world, where no person signs; the contract says so.
        case seeded
    }

    static func subject(_ id: Int64) -> String { "application:\(id)" }

    /// The contract of an approved (or later) application, for its firm, its lender or the credit center; the signed
    /// record once signed.
    public static func contract(_ context: ServiceContext, _ principal: Principal, applicationID: Int64?) async throws
        -> (application: ApplicationStore.Stored, contract: LoanContract, signed: SignedContract?) {
        let application = try await MarketActions.application(context, principal, id: applicationID)
        let signed = try await ContractStore(database: context.database).contract(applicationID: application.id)
        return (application, try await build(context, application, signed: signed), signed)
    }

    static func build(_ context: ServiceContext, _ application: ApplicationStore.Stored, signed: SignedContract?,
                      signing: (at: Date, signer: String, phone: String)? = nil) async throws -> LoanContract {
        guard let terms = application.state.terms else { throw DomainError.conflict("该申请尚未批准，还没有借款合同") }
        let lender = try await context.accounts.institution(id: application.institutionID)?.name ?? "—"
        let at = signing?.at ?? signed?.signedAt
        return LoanContract(applicationID: application.id, lenderName: lender, borrowerName: application.firmName, uscc: application.uscc,
                            productName: application.productName, purpose: application.purpose, terms: terms,
                            start: at.map(Day.init) ?? context.clock.today, signedAt: at,
                            signer: signing?.signer ?? signed?.signer, signerPhone: signing?.phone ?? signed?.signerPhone)
    }

    /// The phone the firm's code goes to: the signed-in account's, or (an API token) the firm's active account's.
    static func firmPhone(_ context: ServiceContext, _ principal: Principal) async throws -> String? {
        if let id = principal.userID, let phone = try await context.accounts.user(id: id)?.phone { return phone }
        let uscc = try principal.requireEnterprise()
        return try await context.accounts.users(role: .enterprise, status: .active).first { $0.uscc == uscc && $0.phone != nil }?.phone
    }

    /// Sends the signing code to the firm's phone; returns the masked number.
    public static func sendCode(_ context: ServiceContext, _ principal: Principal, applicationID: Int64?) async throws -> String {
        _ = try principal.requireEnterprise()
        let application = try await MarketActions.application(context, principal, id: applicationID)
        guard application.state.status == .approved else {
            throw DomainError.illegalTransition(entity: "贷款申请", from: application.state.status.label, action: "签署合同")
        }
        return try await OneTimeCodes.send(context, purpose: .contractSigning, subject: subject(application.id),
                                           phone: try await firmPhone(context, principal))
    }

    /// Signs the contract: checks the code, renders the PDF with `render`, and in one transaction moves the application
    /// to 已签约, stores the PDF and logs its digest.
    public static func sign(_ context: ServiceContext, _ principal: Principal, applicationID: Int64?, factor: SecondFactor,
                            render: @escaping @Sendable (LoanContract) -> [UInt8]) async throws -> ApplicationStore.Stored {
        _ = try principal.requireEnterprise()
        let application = try await MarketActions.application(context, principal, id: applicationID)
        guard application.state.status == .approved else {
            throw DomainError.illegalTransition(entity: "贷款申请", from: application.state.status.label, action: "签署合同")
        }
        let phone: String
        switch factor {
        case .code(let code):
            phone = OneTimeCodeRules.masked(try await OneTimeCodes.verify(context, purpose: .contractSigning,
                                                                          subject: subject(application.id), code: code))
        case .seeded:
            phone = "（演示数据，未经短信验证）"
        }
        let now = context.clock.now()
        let contract = try await build(context, application, signed: nil, signing: (now, principal.displayName, phone))
        let pdf = render(contract)
        let number = contract.number, signer = principal.displayName
        return try await context.applicationStore.apply(.signContract, to: application.id, actor: signer, at: now) { unit, next in
            _ = try await ContractStore.save(in: unit, application: next, number: number, pdf: pdf, signer: signer, signerPhone: phone, at: now)
        }
    }

    /// The signed PDF, for the firm, its lender or the credit center.
    public static func pdf(_ context: ServiceContext, _ principal: Principal, applicationID: Int64?) async throws -> (SignedContract, [UInt8]) {
        let application = try await MarketActions.application(context, principal, id: applicationID)
        let store = ContractStore(database: context.database)
        guard let signed = try await store.contract(applicationID: application.id), let bytes = try await store.pdf(applicationID: application.id)
        else { throw DomainError.notFound("该申请的已签署合同") }
        return (signed, bytes)
    }
}
