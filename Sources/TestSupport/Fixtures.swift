import App
import Domain
import Foundation
import Persistence
import Vapor

/// Accounts most tests need: the credit center, and two departments with API tokens and web users.
public struct Fixtures: Sendable {
    public let centerToken: String
    public let marketToken: String
    public let courtToken: String
    public let market: Department
    public let court: Department
    public static let password = "test-password-1"

    public static func seed(_ app: Application) async throws -> Fixtures {
        let accounts = app.accounts
        let market = try await accounts.createDepartment(code: "scjgj", name: "市场监管局", datasets: ["market.registration", "market.abnormal"])
        let court = try await accounts.createDepartment(code: "fy", name: "法院", datasets: ["judicial.case", "judicial.dishonest"])
        let hash = try await app.password.async.hash(password)
        try await accounts.createUser(username: "admin", displayName: "信用中心管理员", passwordHash: hash, role: .creditCenter, departmentID: nil)
        try await accounts.createUser(username: "scjgj", displayName: "市场监管局报送员", passwordHash: hash, role: .department, departmentID: market.id)
        return Fixtures(
            centerToken: try await accounts.createToken(name: "center", role: .creditCenter, departmentID: nil),
            marketToken: try await accounts.createToken(name: "market", role: .department, departmentID: market.id),
            courtToken: try await accounts.createToken(name: "court", role: .department, departmentID: court.id),
            market: market, court: court)
    }
}

/// Small department files for tests.
public enum SampleFiles {
    public static var firmA: String { code("91210202MA0000001") }
    public static var firmB: String { code("91210211MA0000002") }

    /// Valid codes made from a 17-character body.
    public static func code(_ body: String) -> String {
        (try? USCC.completing(body: body).value) ?? body
    }

    public static var registrations: String {
        let a = code("91210202MA0000001"), b = code("91210211MA0000002")
        return """
        record_id,uscc,name,entity_type,legal_rep,legal_rep_id,reg_capital_wan,established_on,industry,district,scale,status,address
        R1,\(a),大连海韵科技有限公司,企业,王伟,210202198001011234,500,2015-06-01,I,210202,小型,存续,大连市中山区人民路1号
        R2,\(b),大连北港物流有限公司,企业,李娜,210211198502021111,1000,2012-03-15,G,210211,中型,存续,大连市甘井子区华北路2号

        """
    }

    /// Five rows: two valid, one bad USCC, one future date, one missing required field.
    public static var penaltiesWithErrors: String {
        let a = code("91210202MA0000001"), b = code("91210211MA0000002")
        return """
        record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
        P1,\(a),大市监罚〔2025〕11号,2025-03-01,大连市市场监督管理局,一般,虚假宣传,5000
        P2,\(b),大市监罚〔2025〕12号,2025-04-01,大连市市场监督管理局,轻微,未按规定公示,200
        P3,91210202MA0000001Z,大市监罚〔2025〕13号,2025-04-02,大连市市场监督管理局,一般,,100
        P4,\(a),大市监罚〔2099〕14号,2099-01-01,大连市市场监督管理局,严重,,100
        P5,\(b),,2025-05-01,大连市市场监督管理局,一般,,100

        """
    }
}
