import Crypto
import Foundation

/// A signed credit commitment (信用承诺书), published for public supervision. The content hash binds the
/// template text to the firm and signer; the commitment must be re-signed when the firm's name or legal
/// representative changes.
public struct CreditCommitment: Sendable, Equatable, Hashable, Codable {
    public var uscc: String
    public var firmName: String
    public var legalRepresentative: String
    public var signerName: String
    public var signedAt: Date
    public var templateVersion: Int
    /// Lowercase hex SHA-256 of `canonicalText`.
    public var contentHash: String

    /// A commitment as stored (the hash is kept as signed; `verifies(against:)` checks it).
    public init(uscc: String, firmName: String, legalRepresentative: String, signerName: String, signedAt: Date,
                templateVersion: Int, contentHash: String) {
        self.uscc = uscc; self.firmName = firmName; self.legalRepresentative = legalRepresentative
        self.signerName = signerName; self.signedAt = signedAt; self.templateVersion = templateVersion
        self.contentHash = contentHash
    }

    /// Signs `template` for the firm; every party field is trimmed and must be non-empty and on one line.
    public static func sign(_ template: CommitmentTemplate, uscc: String, firmName: String,
                            legalRepresentative: String, signerName: String,
                            at time: Date) throws(DomainError) -> CreditCommitment {
        let fields = [("uscc", uscc, "统一社会信用代码"), ("firmName", firmName, "企业名称"),
                      ("legalRepresentative", legalRepresentative, "法定代表人"), ("signerName", signerName, "签署人")]
        var values: [String] = []
        for (field, value, label) in fields {
            let v = MarketplaceText.trimmed(value)
            guard !v.isEmpty else { throw .invalidInput(field: field, reason: "\(label)不能为空") }
            guard !v.contains(where: \.isNewline) else { throw .invalidInput(field: field, reason: "\(label)不能包含换行") }
            values.append(v)
        }
        guard !MarketplaceText.trimmed(template.body).isEmpty else {
            throw .invalidInput(field: "template", reason: "承诺书正文不能为空")
        }
        var c = CreditCommitment(uscc: values[0], firmName: values[1], legalRepresentative: values[2],
                                 signerName: values[3], signedAt: time, templateVersion: template.version, contentHash: "")
        c.contentHash = c.computedHash(template)
        return c
    }

    /// The text that is hashed: a header line, one `key=value` line per field, the body's length in UTF-8
    /// bytes, then the body. Text is NFC, line breaks are "\n", so equal content hashes equally anywhere.
    ///
    ///     xinyidai-credit-commitment/1
    ///     template_version=3
    ///     title=信用承诺书
    ///     uscc=91350100M000100Y43
    ///     firm_name=…
    ///     legal_representative=…
    ///     signer=…
    ///     body_bytes=1234
    ///     <body>
    public static func canonicalText(template: CommitmentTemplate, uscc: String, firmName: String,
                                     legalRepresentative: String, signerName: String) -> String {
        func norm(_ s: String) -> String {
            s.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
        }
        let body = norm(template.body)
        return [
            "xinyidai-credit-commitment/1",
            "template_version=\(template.version)",
            "title=\(norm(template.title))",
            "uscc=\(norm(uscc))",
            "firm_name=\(norm(firmName))",
            "legal_representative=\(norm(legalRepresentative))",
            "signer=\(norm(signerName))",
            "body_bytes=\(body.utf8.count)",
            body,
        ].joined(separator: "\n")
    }

    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash this commitment should carry for `template`.
    public func computedHash(_ template: CommitmentTemplate) -> String {
        Self.sha256Hex(Self.canonicalText(template: template, uscc: uscc, firmName: firmName,
                                          legalRepresentative: legalRepresentative, signerName: signerName))
    }

    /// Whether the stored hash matches `template` (of the signed version) and the recorded parties.
    public func verifies(against template: CommitmentTemplate) -> Bool {
        template.version == templateVersion && computedHash(template) == contentHash
    }

    /// Valid while the registry's current name and legal representative are those signed for; otherwise
    /// the reasons to re-sign (names compared as in `RegisteredIdentity.sameName`).
    public func validity(forCurrent registration: RegisteredIdentity) -> CommitmentValidity {
        var reasons: [String] = []
        if !RegisteredIdentity.sameName(registration.name, firmName) { reasons.append("企业名称已变更，需重新签署") }
        if !RegisteredIdentity.sameName(registration.legalRepresentative, legalRepresentative) {
            reasons.append("法定代表人已变更，需重新签署")
        }
        return reasons.isEmpty ? .valid : .mustResign(reasons: reasons)
    }

    public func isValid(forCurrent registration: RegisteredIdentity) -> Bool {
        validity(forCurrent: registration) == .valid
    }
}

public enum CommitmentValidity: Sendable, Equatable, Hashable, Codable {
    case valid
    case mustResign(reasons: [String])
}
