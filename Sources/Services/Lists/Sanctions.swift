import Domain
import Persistence

/// The published measures a firm's listings trigger today (失信联合惩戒): new financing applications and
/// 推荐清单 entries refused with the measure and the listing named, the firm flagged in reports. No measure
/// applies before it is published in the catalogue, nor after the listing stopped being a basis.
public enum Sanctions {
    /// The reasons `effect` applies to the firm today (empty: it does not).
    public static func reasons(_ context: ServiceContext, uscc: String, effect: MeasureEffect,
                               kept: FirmFactsLoader.Kept? = nil) async throws -> [ListEffects.Reason] {
        let listings = if let kept { kept.listings } else { try await FirmFactsLoader.kept(context, uscc: uscc).listings }
        guard !listings.isEmpty else { return [] }
        return try ListEffects.reasons(for: effect, listings: listings, on: context.clock.today,
                                       catalogue: context.platform.measures, rules: context.platform.listRules)
    }

    /// Throws a conflict naming every measure and listing when `effect` blocks the firm today.
    public static func refuse(_ context: ServiceContext, uscc: String, effect: MeasureEffect, what: String,
                              kept: FirmFactsLoader.Kept? = nil) async throws {
        let reasons = try await reasons(context, uscc: uscc, effect: effect, kept: kept)
        guard !reasons.isEmpty else { return }
        throw DomainError.conflict("\(what)受限：" + reasons.map(\.text).joined(separator: "；"))
    }
}
