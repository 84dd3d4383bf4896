import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// A signed loan contract as stored: the PDF's digest and who signed it, and the bytes on request.
public struct SignedContract: Sendable, Equatable {
    public var applicationID: Int64
    public var institutionID: Int64
    public var uscc: String
    public var number: String
    public var sha256: String
    public var signer: String
    public var signerPhone: String
    public var signedAt: Date
}

public struct ContractStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Stores the signed PDF and logs its digest, inside the unit that moves the application to 已签约.
    public static func save(in unit: UnitOfWork, application: ApplicationStore.Stored, number: String, pdf: [UInt8], signer: String,
                            signerPhone: String, at time: Date) async throws -> String {
        let digest = LogEntry.digest(of: pdf)
        try await unit.sql().raw("""
            INSERT INTO loan_contracts (application_id, institution_id, uscc, number, sha256, pdf, signer, signer_phone, signed_at)
            VALUES (\(bind: application.id), \(bind: application.institutionID), \(bind: application.uscc), \(bind: number),
              \(bind: digest), \(bind: Data(pdf)), \(bind: signer), \(bind: signerPhone), \(bind: epochMillis(time)))
            """).run()
        unit.log(try LogEvents.contractSigned(application, sha256: digest, actor: signer, at: time))
        return digest
    }

    struct Row: Decodable {
        let application_id: Int64; let institution_id: Int64; let uscc: String; let number: String; let sha256: String
        let signer: String; let signer_phone: String; let signed_at: Int64
        var contract: SignedContract {
            SignedContract(applicationID: application_id, institutionID: institution_id, uscc: uscc, number: number, sha256: sha256,
                           signer: signer, signerPhone: signer_phone, signedAt: Date(timeIntervalSince1970: Double(signed_at) / 1000))
        }
    }

    public func contract(applicationID: Int64) async throws -> SignedContract? {
        try await database.sql().raw("""
            SELECT application_id, institution_id, uscc, number, sha256, signer, signer_phone, signed_at FROM loan_contracts
            WHERE application_id = \(bind: applicationID)
            """).first(decoding: Row.self)?.contract
    }

    public func pdf(applicationID: Int64) async throws -> [UInt8]? {
        struct P: Decodable { let pdf: Data }
        return try await database.sql().raw("SELECT pdf FROM loan_contracts WHERE application_id = \(bind: applicationID)")
            .first(decoding: P.self).map { Array($0.pdf) }
    }
}
