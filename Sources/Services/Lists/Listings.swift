import Domain
import Foundation
import Persistence

/// The lists whose procedure runs on the platform (涉金融严重失信人名单, 严重失信债务人, RISK.md §3): the credit center
/// proposes with the basis, reason and removal conditions; the firm is given prior written notice with its rights
/// and may object within the window; the credit center answers in writing, lists, publishes and removes. Only a
/// listed entry triggers measures, and only those published (`Sanctions`).
public enum Listings {
    public struct ProposeInput: Sendable {
        public var uscc: String
        public var kind: ListKind
        public var basisDocumentNumber: String
        public var reason: String
        public var actEndedOn: Day?
        public var removalConditions: String
        /// 法定代表人 and 实际控制人 marked with the firm: (name, identity number); empty names are skipped.
        public var legalRepresentative: (name: String, id: String)?
        public var actualController: (name: String, id: String)?

        public init(uscc: String, kind: ListKind, basisDocumentNumber: String, reason: String, actEndedOn: Day?, removalConditions: String,
                    legalRepresentative: (name: String, id: String)? = nil, actualController: (name: String, id: String)? = nil) {
            self.uscc = uscc; self.kind = kind; self.basisDocumentNumber = basisDocumentNumber; self.reason = reason
            self.actEndedOn = actEndedOn; self.removalConditions = removalConditions
            self.legalRepresentative = legalRepresentative; self.actualController = actualController
        }
    }

    public static func propose(_ context: ServiceContext, _ principal: Principal, _ input: ProposeInput) async throws -> ListingEntry {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可提出列入失信名单") }
        guard input.kind.isManagedOnPlatform else {
            throw DomainError.invalidInput(field: "kind", reason: "\(input.kind.listName)由认定机关认定后归集，不在本平台列入")
        }
        let uscc = try USCC.validated(input.uscc.trimmingSpaces().uppercased())
        guard let firm = try await context.registry.enterprise(uscc) else { throw DomainError.notFound("该企业的登记信息") }
        var parties = [SanctionedParty(role: .subject, name: firm.name, identifier: uscc)]
        if let rep = input.legalRepresentative, !rep.name.trimmingSpaces().isEmpty {
            parties.append(SanctionedParty(role: .legalRepresentative, name: rep.name, identifier: rep.id))
        }
        if let controller = input.actualController, !controller.name.trimmingSpaces().isEmpty {
            parties.append(SanctionedParty(role: .actualController, name: controller.name, identifier: controller.id))
        }
        let entry = try ListingEntry.propose(id: "", kind: input.kind, parties: parties, authority: "市信用中心（信易贷平台）",
                                             basisDocumentNumber: input.basisDocumentNumber, reason: input.reason,
                                             actEndedOn: input.actEndedOn, removalConditions: input.removalConditions,
                                             on: context.clock.today)
        return try await context.listingStore.propose(entry, actor: principal.name, at: context.clock.now())
    }

    /// A step: the firm objects to its own notice; everything else is the credit center's.
    public static func step(_ context: ServiceContext, _ principal: Principal, id: Int64?, _ event: ListingEvent) async throws -> ListingEntry {
        guard let id, let entry = try await context.listingStore.entry(id: id) else { throw DomainError.notFound("该名单记录") }
        switch (principal.role, event) {
        case (.creditCenter, .object): throw DomainError.forbidden("异议由被列入的企业提出")
        case (.creditCenter, _): break
        case (.enterprise, .object) where entry.subject?.identifier == principal.uscc: break
        case (.enterprise, _) where entry.subject?.identifier == principal.uscc: throw DomainError.forbidden("企业只能对告知提出异议")
        default: throw DomainError.notFound("该名单记录")
        }
        let next = try entry.applying(event, on: context.clock.today, rules: context.platform.listRules,
                                      calendar: context.platform.policy.objectionPolicy.calendar)
        try await context.listingStore.save(next, expecting: entry.status, step: event.action.rawValue, actor: principal.name,
                                            at: context.clock.now())
        // Listing is news for the firm's lenders (measure 提示在贷金融机构): its monitoring scan runs now, not tomorrow.
        if event.action == .list || event.action == .remove, let uscc = next.subject?.identifier {
            _ = try await MonitoringScan.scan(context, firms: [uscc])
        }
        return next
    }

    /// The listings a principal sees: the credit center all, a firm its own; nobody else.
    public static func visible(_ context: ServiceContext, _ principal: Principal, paging: Paging) async throws -> ResultPage<ListingEntry> {
        switch principal.role {
        case .creditCenter: return try await context.listingStore.entries(paging: paging)
        case .enterprise:
            let own = try await context.listingStore.entries(uscc: try principal.requireEnterprise())
            return ResultPage(items: own, paging: Paging(page: 1, perPage: max(1, min(own.count, Paging.maxPerPage))), total: own.count)
        default: throw DomainError.forbidden("失信名单认定记录仅限信用中心和被列入企业查看")
        }
    }
}
