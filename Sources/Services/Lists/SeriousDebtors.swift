import Domain
import Foundation
import Persistence

/// The derived 严重失信债务人 list (RISK.md §3.1): a court's 失信被执行人 whose creditor is a bank (or another type the
/// list rules name) and whose debt is above the rules' amount is proposed for listing by the platform, once per
/// case, after the batch that brought the court's record. The proposal then follows the procedure of every listing
/// run on the platform (`Listings`): written notice, objections, listing, publication, removal.
public enum SeriousDebtors {
    public struct Summary: Sendable, Equatable {
        /// Active court records with a creditor and an amount.
        public var read = 0
        /// Those the rule qualifies.
        public var qualified = 0
        /// New proposals (a case already proposed is not proposed again).
        public var proposed = 0

        public init(read: Int = 0, qualified: Int = 0, proposed: Int = 0) {
            self.read = read; self.qualified = qualified; self.proposed = proposed
        }
    }

    /// Reads the court's records of `firms` and proposes the qualifying ones not yet proposed.
    public static func derive(_ context: ServiceContext, firms: [String]) async throws -> Summary {
        var summary = Summary()
        guard !firms.isEmpty else { return summary }
        let today = context.clock.today
        let records = try await context.recordStore.records(usccs: firms, datasets: ["judicial.dishonest"])
        guard !records.isEmpty else { return summary }
        let registrations = try await MonitoringReads(database: context.database).registrations(usccs: Array(records.keys))
        for uscc in records.keys.sorted() {
            guard let registration = registrations[uscc] else { continue }
            for record in records[uscc] ?? [] {
                guard let court = DishonestDebtorRecord(record: record, firmName: registration.name,
                                                        legalRepresentative: registration.legalRepresentative) else { continue }
                summary.read += 1
                guard let entry = try SeriousDebtorRule.derive(from: court, id: "", authority: "市信用中心（信易贷平台）", on: today,
                                                               rules: context.platform.listRules) else { continue }
                summary.qualified += 1
                if try await context.listingStore.proposeOnce(entry, actor: "platform", at: context.clock.now()) != nil {
                    summary.proposed += 1
                }
            }
        }
        return summary
    }
}
