import Foundation

/// A firm's authorisation (授权书) for registered institutions to query and use its credit data: which
/// institutions, which catalog categories, for which purposes, and when. Signed online, or offline on paper
/// with a scan kept by the platform.
public struct Authorisation: Sendable, Equatable, Hashable {
    public var id: String
    public var uscc: String
    public var scope: AuthorisationScope
    /// Catalog categories the institutions may read; an access to any other category is denied.
    public var categories: Set<String>
    public var purposes: Set<AuthorisationPurpose>
    /// First and last day of validity, both inclusive.
    public var validFrom: Day
    public var validUntil: Day
    public var signedAt: Date
    /// Revocation is effective for the whole day it happened on (in the platform's time zone) and after.
    public var revokedAt: Date?
    public var isOffline: Bool
    /// The stored scan of a paper authorisation; required when `isOffline`.
    public var scanReference: String?

    public init(id: String, uscc: String, scope: AuthorisationScope, categories: Set<String>,
                purposes: Set<AuthorisationPurpose>, validFrom: Day, validUntil: Day, signedAt: Date,
                revokedAt: Date? = nil, isOffline: Bool = false, scanReference: String? = nil) {
        self.id = id; self.uscc = uscc; self.scope = scope; self.categories = categories; self.purposes = purposes
        self.validFrom = validFrom; self.validUntil = validUntil; self.signedAt = signedAt
        self.revokedAt = revokedAt; self.isOffline = isOffline; self.scanReference = scanReference
    }

    /// Problems that make the authorisation unusable, as `invalidInput` errors; throws the first.
    /// The longest validity an authorisation may have: three years.
    public static let maxValidityDays = 3 * 365 + 1

    public func validate() throws(DomainError) {
        if case .institutions(let ids) = scope, ids.isEmpty {
            throw .invalidInput(field: "scope", reason: "至少授权一家金融机构")
        }
        if categories.isEmpty { throw .invalidInput(field: "categories", reason: "至少授权一个数据类别") }
        if purposes.isEmpty { throw .invalidInput(field: "purposes", reason: "至少选择一项授权用途") }
        if validUntil < validFrom { throw .invalidInput(field: "validUntil", reason: "授权截止日期不能早于起始日期") }
        if validUntil > validFrom.adding(days: Self.maxValidityDays) {
            throw .invalidInput(field: "validUntil", reason: "授权有效期最长 3 年，截止日期不能晚于 \(validFrom.adding(days: Self.maxValidityDays))")
        }
        if isOffline, MarketplaceText.trimmed(scanReference ?? "").isEmpty {
            throw .invalidInput(field: "scanReference", reason: "线下授权须上传授权书扫描件")
        }
    }

    /// The day of revocation, in the platform's time zone.
    public var revokedOn: Day? { revokedAt.map(Day.init) }

    /// Whether this authorisation lets `institutionID` read `category` for `purpose` on `day`; the first
    /// failing check in the order revoked, not yet valid, expired, institution, category, purpose.
    public func permits(institutionID: String, category: String, purpose: AuthorisationPurpose,
                        on day: Day) -> Result<Void, AuthorisationDenial> {
        if let revoked = revokedOn, revoked <= day { return .failure(.revoked(on: revoked)) }
        if day < validFrom { return .failure(.notYetValid(from: validFrom)) }
        if day > validUntil { return .failure(.expired(on: validUntil)) }
        if !scope.covers(institutionID) { return .failure(.institutionNotCovered) }
        if !categories.contains(category) { return .failure(.categoryNotCovered(category)) }
        if !purposes.contains(purpose) { return .failure(.purposeNotCovered(purpose)) }
        return .success(())
    }

    /// The denial, or nil when `permits` succeeds.
    public func denial(institutionID: String, category: String, purpose: AuthorisationPurpose,
                       on day: Day) -> AuthorisationDenial? {
        if case .failure(let denial) = permits(institutionID: institutionID, category: category, purpose: purpose, on: day) {
            return denial
        }
        return nil
    }

    /// The authorisation of firm `uscc` under which an access is permitted, so the access log can name it;
    /// among several, the most recently signed (then the greatest id). Otherwise every authorisation's
    /// denial (`.none` when the firm has none), in the order given.
    public static func covering(_ authorisations: [Authorisation], uscc: String, institutionID: String,
                                category: String, purpose: AuthorisationPurpose,
                                on day: Day) -> Result<Authorisation, AuthorisationLookupFailure> {
        let own = authorisations.filter { $0.uscc == uscc }
        guard !own.isEmpty else { return .failure(AuthorisationLookupFailure(denials: [.none])) }
        var permitting: [Authorisation] = []
        var denials: [AuthorisationDenial] = []
        for a in own {
            if let denial = a.denial(institutionID: institutionID, category: category, purpose: purpose, on: day) {
                denials.append(denial)
            } else {
                permitting.append(a)
            }
        }
        if let best = permitting.max(by: { ($0.signedAt, $0.id) < ($1.signedAt, $1.id) }) { return .success(best) }
        return .failure(AuthorisationLookupFailure(denials: denials))
    }
}

/// No authorisation permits the access: each one's denial.
public struct AuthorisationLookupFailure: Error, Sendable, Equatable, Hashable {
    public var denials: [AuthorisationDenial]

    /// Distinct messages, for the institution: "授权书已于 2025-06-30 到期；授权范围不包含该金融机构".
    public var message: String {
        var seen: Set<String> = []
        return denials.map(\.message).filter { seen.insert($0).inserted }.joined(separator: "；")
    }
}

extension Authorisation: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, uscc, scope, categories, purposes, validFrom, validUntil, signedAt, revokedAt, isOffline, scanReference
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), uscc: try c.decode(String.self, forKey: .uscc),
                  scope: try c.decode(AuthorisationScope.self, forKey: .scope),
                  categories: try c.decode(Set<String>.self, forKey: .categories),
                  purposes: try c.decode(Set<AuthorisationPurpose>.self, forKey: .purposes),
                  validFrom: try c.decodeMarketplaceDay(forKey: .validFrom),
                  validUntil: try c.decodeMarketplaceDay(forKey: .validUntil),
                  signedAt: try c.decode(Date.self, forKey: .signedAt),
                  revokedAt: try c.decodeIfPresent(Date.self, forKey: .revokedAt),
                  isOffline: try c.decode(Bool.self, forKey: .isOffline),
                  scanReference: try c.decodeIfPresent(String.self, forKey: .scanReference))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(uscc, forKey: .uscc); try c.encode(scope, forKey: .scope)
        try c.encode(categories.sorted(), forKey: .categories)
        try c.encode(purposes.map(\.rawValue).sorted(), forKey: .purposes)
        try c.encodeMarketplaceDay(validFrom, forKey: .validFrom)
        try c.encodeMarketplaceDay(validUntil, forKey: .validUntil)
        try c.encode(signedAt, forKey: .signedAt); try c.encodeIfPresent(revokedAt, forKey: .revokedAt)
        try c.encode(isOffline, forKey: .isOffline); try c.encodeIfPresent(scanReference, forKey: .scanReference)
    }
}
