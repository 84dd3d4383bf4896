/// What the listings of a firm make the platform do on a day, each effect traced to a published measure and a
/// listing: "is applying for a loan blocked for this firm today, and by which measure and listing?"
public enum ListEffects {
    /// One effect in force, with the measure and the listing behind it.
    public struct Reason: Sendable, Equatable {
        public var effect: MeasureEffect
        public var measureCode: String
        public var listingID: String
        public var listKind: ListKind
        /// In Chinese: the listing, the measure, its legal basis and the effect.
        public var text: String
    }

    /// Every effect of `effect` in force on `day` for the firm's `listings` (entries of the firm itself or of
    /// its legal representative or actual controller, as the caller gathered them), one reason per measure
    /// and listing; empty when nothing applies. A listing that is no basis that day (not yet listed, removed,
    /// past its disclosure limit) adds nothing; a listing no rules version can judge is an error, never skipped.
    public static func reasons(for effect: MeasureEffect, listings: [ListingEntry], on day: Day,
                               catalogue: MeasuresCatalogue, rules: ListRules) throws(DomainError) -> [Reason] {
        var out: [Reason] = []
        for entry in listings {
            for measure in catalogue.published(.punishment, for: entry.kind.rawValue, by: day)
            where measure.effects.contains(effect) {
                let applied: AppliedMeasure
                do { applied = try catalogue.apply(measure, to: entry, on: day, rules: rules) } catch {
                    if case .conflict = error { continue }
                    throw error
                }
                out.append(Reason(effect: effect, measureCode: measure.code, listingID: entry.id, listKind: entry.kind,
                                  text: "\(applied.text)：\(effect.label)"))
            }
        }
        return out
    }

    /// Why new financing applications of the firm are refused on `day` (empty: they are not).
    public static func blocking(_ listings: [ListingEntry], on day: Day, catalogue: MeasuresCatalogue,
                                rules: ListRules) throws(DomainError) -> [Reason] {
        try reasons(for: .blockNewApplications, listings: listings, on: day, catalogue: catalogue, rules: rules)
    }

    /// All effects in force on `day`, by effect.
    public static func all(_ listings: [ListingEntry], on day: Day, catalogue: MeasuresCatalogue,
                           rules: ListRules) throws(DomainError) -> [MeasureEffect: [Reason]] {
        var out: [MeasureEffect: [Reason]] = [:]
        for effect in MeasureEffect.allCases where effect.kind == .punishment {
            let reasons = try reasons(for: effect, listings: listings, on: day, catalogue: catalogue, rules: rules)
            if !reasons.isEmpty { out[effect] = reasons }
        }
        return out
    }
}
