/// The incentives that apply to one firm for one product on a day, and the rate and amount after them, so
/// the quota estimate and the application can show "适用守信激励：…".
///
/// Arithmetic is in integers: the rate is cut by whole basis points and never below zero; the amount is
/// raised by `amount × (100 + percent) / 100` **rounded down to the cent** (a preference never gives more
/// than declared), then capped at the product's maximum when one is given.
public struct IncentiveOffer: Sendable, Equatable {
    /// The published incentive measures applied, in catalogue order.
    public var measures: [Measure]
    public var rate: AnnualRate
    public var amount: Cents
    public var adjustedRate: AnnualRate
    public var adjustedAmount: Cents
    /// "适用守信激励：绿色通道、容缺受理、贷款利率优惠 50 个基点（4.35% → 3.85%）"; nil when nothing applies.
    public var text: String?

    public var applies: Bool { !measures.isEmpty }

    /// The offer for a firm with `entry` (nil: not on the red list) on `day`, for a product that declares
    /// `preference` and would otherwise offer `rate` and `amount` (at most `maximumAmount`). Only measures
    /// published by `day` apply; a preference the product did not declare never applies.
    public static func make(entry: RedListEntry?, on day: Day, preference: RedListPreference, rate: AnnualRate,
                            amount: Cents, maximumAmount: Cents? = nil, catalogue: MeasuresCatalogue) -> IncentiveOffer {
        var offer = IncentiveOffer(measures: [], rate: rate, amount: amount, adjustedRate: rate, adjustedAmount: amount, text: nil)
        guard let entry, entry.isValid(on: day) else { return offer }
        var parts: [String] = []
        for measure in catalogue.published(.incentive, for: RedList.listName, by: day) {
            var applied = false
            for effect in measure.effects {
                switch effect {
                case .greenChannel, .acceptWithMissingDocuments:
                    applied = true
                case .ratePreference:
                    guard let cut = preference.rateCutBasisPoints, cut > 0 else { continue }
                    offer.adjustedRate = AnnualRate(basisPoints: max(0, offer.adjustedRate.basisPoints - cut))
                    applied = true
                case .amountPreference:
                    guard let percent = preference.amountRaisePercent, percent > 0 else { continue }
                    offer.adjustedAmount = raised(offer.adjustedAmount, byPercent: percent, cap: maximumAmount)
                    applied = true
                case .blockNewApplications, .blockRecommendationList, .flagInReports, .alertLenders:
                    continue
                }
            }
            guard applied else { continue }
            offer.measures.append(measure)
            parts.append(describe(measure, offer: offer, preference: preference))
        }
        if !parts.isEmpty { offer.text = "适用守信激励：" + parts.joined(separator: "、") }
        return offer
    }

    /// `amount × (100 + percent) / 100`, rounded down to the cent, at most `cap`.
    public static func raised(_ amount: Cents, byPercent percent: Int, cap: Cents? = nil) -> Cents {
        let raised = Cents(amount.value * Int64(100 + percent) / 100)
        guard let cap else { return raised }
        return max(amount, min(raised, cap))
    }

    static func describe(_ measure: Measure, offer: IncentiveOffer, preference: RedListPreference) -> String {
        if measure.effects.contains(.ratePreference), let cut = preference.rateCutBasisPoints {
            return "\(measure.name) \(cut) 个基点（\(offer.rate.percentText) → \(offer.adjustedRate.percentText)）"
        }
        if measure.effects.contains(.amountPreference), let percent = preference.amountRaisePercent {
            return "\(measure.name) \(percent)%（\(offer.amount.yuanText) → \(offer.adjustedAmount.yuanText)）"
        }
        return measure.name
    }
}
