import Domain
import Foundation
import Persistence

/// Post-loan monitoring (贷后风险监测): after each batch for the firms it touched, and once a day for every
/// monitored firm, the data hub is read into a snapshot per firm and diffed against the stored one. The signals
/// found are stored, the firm is scored under the warning rules in force that day, and an alert is opened (or
/// raised) for exactly the institutions that hold a live loan to it or a valid authorisation naming them. The
/// first scan of a firm only stores its baseline: facts it already had are not news. Nothing here changes a
/// loan's class.
public enum MonitoringScan {
    public struct Summary: Sendable, Equatable, Codable {
        /// Monitored firms scanned.
        public var monitored = 0
        /// Monitored firms whose data-hub records were read (all of them after a batch or in a full scan; in a daily
        /// scan those with new records, changed loans or listings, no snapshot yet, or on their weekly turn).
        public var reread = 0
        /// Firms seen for the first time: their baseline stored, no alert.
        public var baselined = 0
        /// Firms whose data changed since their last snapshot.
        public var changed = 0
        public var signals = 0
        public var opened = 0
        /// Open alerts raised by new signals.
        public var raised = 0
        /// The warning-rules version applied.
        public var version = 0
        public init() {}
    }

    /// Firms per read and per unit of work.
    static let chunk = 2_000
    /// Every monitored firm's records are read in full at least once in this many days, whatever the watermark says.
    public static let fullReadCycleDays = 7
    /// Batches that finished up to this long before the last daily scan started are looked at again: a batch stamps
    /// its finish before its transaction commits.
    public static let watermarkMargin: TimeInterval = 3_600

    /// Scans the monitored firms among `firms` (after a batch touched them).
    public static func scan(_ context: ServiceContext, firms: [String]) async throws -> Summary {
        let reads = MonitoringReads(database: context.database)
        let recipients = try await reads.recipients(on: context.clock.today, usccs: Array(Set(firms)))
        return try await run(context, firms: recipients.keys.sorted(), recipients: recipients)
    }

    /// The daily scan of every monitored firm. It reads the data hub again only for the firms whose snapshot may
    /// have changed since the last daily scan: records from batches finished since (or still open), records hidden
    /// since, a changed key of the platform's loans and listings, no snapshot yet, or the firm's turn in the weekly
    /// full re-read (`full` reads every firm). `margin` is `watermarkMargin` but in tests, whose batches are all
    /// seconds old. It then forgets the snapshots of firms no longer monitored, so a firm
    /// that borrows again later starts from a fresh baseline rather than from facts its new lender has seen.
    public static func scanAll(_ context: ServiceContext, full: Bool = false,
                               margin: TimeInterval = watermarkMargin) async throws -> Summary {
        let started = (clock: context.clock.now(), wall: Date())
        let today = context.clock.today
        let reads = MonitoringReads(database: context.database)
        let recipients = try await reads.recipients(on: today)
        let firms = recipients.keys.sorted()
        var due = firms
        if !full, let last = try await context.monitoringStore.lastScanStart(kind: "daily") {
            let stored = try await context.monitoringStore.storedInputs()
            let touched = try await reads.touched(batchesSince: last.wall.addingTimeInterval(-margin),
                                                  flagsSince: last.clock.addingTimeInterval(-margin))
            let loans = try await reads.openLoans(usccs: firms)
            let listed = try await context.listingStore.listed(usccs: firms)
            due = firms.filter { uscc in
                guard let key = stored[uscc] else { return true }
                if touched.contains(uscc) || MonitoringSnapshotBuilder.isDueForFullRead(uscc: uscc, on: today, cycle: fullReadCycleDays) {
                    return true
                }
                return key != MonitoringSnapshotBuilder.inputsKey(loans: loans[uscc] ?? [], listed: listed[uscc] ?? [], day: today)
            }
        }
        var summary = try await run(context, firms: due, recipients: recipients)
        summary.monitored = firms.count
        let stale = try await context.monitoringStore.watchedFirms().filter { recipients[$0] == nil }
        let finished = context.clock.now()
        let text = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        try await context.database.write { unit in
            if !stale.isEmpty { try await MonitoringStore.forget(usccs: stale, in: unit) }
            try await MonitoringStore.recordScan(kind: "daily", day: today, started: started, finished: finished, summary: text, in: unit)
        }
        return summary
    }

    /// Reads, diffs, scores and saves `firms` (monitored, with their `recipients`).
    static func run(_ context: ServiceContext, firms: [String], recipients: [String: [MonitoringReads.Recipient]]) async throws -> Summary {
        let today = context.clock.today
        let rules = context.platform.warningRules
        guard let version = rules.inForce(on: today) else {
            throw DomainError.conflict("\(today) 没有生效的贷后预警规则，请先配置 warning-rules.json")
        }
        var summary = Summary()
        summary.version = version.version
        summary.monitored = firms.count
        summary.reread = firms.count
        let reads = MonitoringReads(database: context.database)
        for start in stride(from: 0, to: firms.count, by: chunk) {
            let part = Array(firms[start..<min(start + chunk, firms.count)])
            let registrations = try await reads.registrations(usccs: part)
            let loans = try await reads.openLoans(usccs: part)
            let records = try await context.recordStore.records(usccs: part, datasets: MonitoringSnapshotBuilder.datasets)
            let listed = try await context.listingStore.listed(usccs: part)
            var inputs: [String: String] = [:]
            let fresh = part.map { uscc in
                inputs[uscc] = MonitoringSnapshotBuilder.inputsKey(loans: loans[uscc] ?? [], listed: listed[uscc] ?? [], day: today)
                return MonitoringSnapshotBuilder.snapshot(uscc: uscc, day: today, records: records[uscc] ?? [],
                                                          legalRepresentative: registrations[uscc]?.legalRepresentative,
                                                          loans: loans[uscc] ?? [], listed: listed[uscc] ?? [])
            }
            let now = context.clock.now()
            let keys = inputs
            let step = try await context.database.write { unit in
                try await apply(fresh, inputs: keys, recipients: recipients, registrations: registrations, rules: rules,
                                countingDays: version.countingDays, today: today, now: now, in: unit)
            }
            summary.baselined += step.baselined; summary.changed += step.changed; summary.signals += step.signals
            summary.opened += step.opened; summary.raised += step.raised
        }
        return summary
    }

    /// Diffs, scores and writes one chunk inside its unit of work (the stored snapshots and open alerts are read
    /// in the unit, so two scans of one firm cannot both report the same change).
    static func apply(_ fresh: [MonitoringSnapshot], inputs: [String: String], recipients: [String: [MonitoringReads.Recipient]],
                      registrations: [String: MonitoringReads.Registration], rules: WarningRules, countingDays: Int,
                      today: Day, now: Date, in unit: UnitOfWork) async throws -> Summary {
        var summary = Summary()
        let previous = try await MonitoringStore.storedSnapshots(usccs: fresh.map(\.uscc), in: unit)
        var changed: [MonitoringSnapshot] = []
        var rekeyed: [(uscc: String, key: String)] = []
        var found: [String: [MonitoringSignal]] = [:]
        for snapshot in fresh {
            guard let stored = previous[snapshot.uscc] else {
                changed.append(snapshot)
                summary.baselined += 1
                continue
            }
            let key = inputs[snapshot.uscc] ?? ""
            // Unchanged when the fresh snapshot, dated as the stored one, encodes to the same text: no decoding.
            var probe = snapshot
            if let day = Day(iso: stored.day) { probe.day = day }
            if try MonitoringStore.encoded(probe) == stored.text {
                if stored.inputs != key { rekeyed.append((snapshot.uscc, key)) }
                continue
            }
            let before = try MonitoringStore.decoded(stored.text)
            var same = before
            same.day = snapshot.day
            guard same != snapshot else {
                if stored.inputs != key { rekeyed.append((snapshot.uscc, key)) }
                continue
            }
            changed.append(snapshot)
            summary.changed += 1
            let signals = SignalDetector.detect(before: before, after: snapshot, rules: rules)?.signals ?? []
            if !signals.isEmpty { found[snapshot.uscc] = signals }
        }
        var opened: [RiskAlert] = []
        var raised: [(alert: RiskAlert, expecting: AlertResponse.Status)] = []
        if !found.isEmpty {
            let firms = found.keys.sorted()
            let history = try await MonitoringStore.signals(usccs: firms, since: today.adding(days: -(countingDays - 1)), in: unit)
            var open: [String: RiskAlert] = [:]
            for alert in try await MonitoringStore.openAlerts(usccs: firms, in: unit) { open["\(alert.uscc)/\(alert.institutionID)"] = alert }
            for uscc in firms {
                let new = found[uscc] ?? []
                guard let score = RiskScore.assess(signals: (history[uscc] ?? []) + new, on: today, rules: rules),
                      score.contributions.contains(where: { new.contains($0.signal) }) else { continue }
                let registration = registrations[uscc]
                for recipient in recipients[uscc] ?? [] {
                    if let alert = open["\(uscc)/\(recipient.institutionID)"] {
                        var next = alert
                        next.update(with: score, relation: recipient.relation, at: now)
                        raised.append((next, alert.status))
                    } else {
                        opened.append(RiskAlert(uscc: uscc, firmName: registration?.name ?? uscc, district: registration?.district ?? "",
                                                institutionID: recipient.institutionID, relation: recipient.relation, score: score, at: now))
                    }
                }
            }
        }
        try await MonitoringStore.save(snapshots: changed, inputs: inputs, at: now, in: unit)
        try await MonitoringStore.rekey(rekeyed, in: unit)
        let signals = found.keys.sorted().flatMap { uscc in (found[uscc] ?? []).map { (uscc: uscc, signal: $0) } }
        try await MonitoringStore.add(signals: signals, at: now, in: unit)
        summary.signals = signals.count
        summary.opened = try await MonitoringStore.open(alerts: opened, at: now, in: unit).count
        let conflicts = try await MonitoringStore.raise(alerts: raised, at: now, in: unit)
        summary.raised = raised.count - conflicts.count
        return summary
    }
}
