import Domain
import NIOCore
import Persistence

/// The authorised credit report an institution reads: the profile with the authorised categories' data,
/// the evaluation and its explanation. Every read is logged with the authorisation that allowed it; without
/// a valid authorisation the answer is 403 with the reasons.
public enum CreditReports {
    public struct Report: Sendable {
        public let loaded: LoadedProfile
        public let authorisation: Authorisation
        public let categories: [String]
        /// The logged read this report is (its number), and when it was made.
        public let accessID: Int64
    }

    public static func load(_ context: ServiceContext, institution: Institution, actor: String, uscc: String,
                     purpose: AuthorisationPurpose, action: String) async throws -> Report {
        let (used, allowed) = try await authorise(context, institution: institution, uscc: uscc, purpose: purpose)
        let loaded = try await LoadedProfile.load(context, uscc: uscc, viewer: .institution(authorisedCategories: Set(allowed)))
        let accessID = try await logAccess(context, institution: institution, actor: actor, uscc: uscc, used: used, categories: allowed,
                                           purpose: purpose, action: action)
        return Report(loaded: loaded, authorisation: used, categories: allowed, accessID: accessID)
    }

    /// The report for the API: the same checks and log, with the profile as JSON from the read cache.
    public static func json(_ context: ServiceContext, institution: Institution, actor: String, uscc: String,
                     purpose: AuthorisationPurpose, action: String) async throws -> (Authorisation, [String], ByteBuffer) {
        let (used, allowed) = try await authorise(context, institution: institution, uscc: uscc, purpose: purpose)
        let profile = try await context.readCache.profile(context, uscc: uscc, viewer: .institution(authorisedCategories: Set(allowed)))
        try await logAccess(context, institution: institution, actor: actor, uscc: uscc, used: used, categories: allowed,
                            purpose: purpose, action: action)
        return (used, allowed, profile)
    }

    /// The authorisation that lets the institution read the firm's non-public data (the most recently signed
    /// one when several do) and the categories it may read; 403 with the reason when there is none.
    public static func authorise(_ context: ServiceContext, institution: Institution, uscc: String,
                          purpose: AuthorisationPurpose) async throws -> (Authorisation, [String]) {
        let authorisations = try await context.readCache.authorisations(context, uscc: uscc)
        let today = context.clock.today
        // Only categories holding non-public data need an authorisation.
        let categories = context.catalog.authorisedCategories.sorted()
        var allowed: [String] = []
        var used: Authorisation?
        var failure: AuthorisationLookupFailure?
        for category in categories {
            switch Authorisation.covering(authorisations, uscc: uscc, institutionID: String(institution.id),
                                          category: category, purpose: purpose, on: today) {
            case .success(let authorisation):
                allowed.append(category)
                if used.map({ authorisation.signedAt > $0.signedAt }) ?? true { used = authorisation }
            case .failure(let reason):
                failure = failure ?? reason
            }
        }
        guard let used else {
            throw DomainError.forbidden("该企业未授权贵机构查询其非公开信用信息（\(failure?.message ?? "没有授权书")）")
        }
        return (used, allowed)
    }

    /// Writes the access durably (group commit) before the data is served; its id numbers the report.
    @discardableResult
    public static func logAccess(_ context: ServiceContext, institution: Institution, actor: String, uscc: String, used: Authorisation,
                          categories: [String], purpose: AuthorisationPurpose, action: String) async throws -> Int64 {
        try await context.committers.accessLog.submit(.init(
            uscc: uscc, institutionID: institution.id, actor: actor, categories: categories,
            authorisationID: Int64(used.id), purpose: purpose.rawValue, action: action))
    }

    /// Whether the firm has an authorisation that lets the institution read at least one category for the purpose.
    public static func authorisation(_ context: ServiceContext, uscc: String, institutionID: Int64,
                              purpose: AuthorisationPurpose) async throws -> Authorisation? {
        let authorisations = try await context.readCache.authorisations(context, uscc: uscc)
        for category in Set(context.catalog.datasets.map(\.category)) {
            if case .success(let a) = Authorisation.covering(authorisations, uscc: uscc, institutionID: String(institutionID),
                                                              category: category, purpose: purpose, on: context.clock.today) {
                return a
            }
        }
        return nil
    }
}
