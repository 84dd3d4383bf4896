import Foundation

/// A post-loan warning (贷后风险预警) to one institution about one firm: one alert per open episode of a
/// (firm, institution) pair. It carries the score, the level and the signals that caused it in Chinese, never
/// more of the firm's data (the institution may hold only a loan or an authorisation of some categories), and
/// the institution's answer (`AlertResponse`). New signals while it is open update it; once dismissed or
/// handled, a later signal opens a new one. Nothing here changes a loan's class.
public struct RiskAlert: Sendable, Equatable, Codable {
    /// A signal behind the score, as the institution reads it.
    public struct Signal: Sendable, Equatable, Codable {
        public var code: SignalCode
        public var label: String
        public var text: String
        public var points: Int
        public var detectedOn: Day
        public init(code: SignalCode, label: String, text: String, points: Int, detectedOn: Day) {
            self.code = code; self.label = label; self.text = text; self.points = points; self.detectedOn = detectedOn
        }
    }

    /// Why the institution receives it.
    public enum Relation: String, Sendable, Codable, CaseIterable {
        case loan, authorisation

        public var label: String { self == .loan ? "在贷机构" : "获企业授权" }
    }

    /// One step: the alert opened, raised or escalated by the platform, or an answer of the institution.
    public struct Step: Sendable, Equatable, Codable {
        /// The step the platform records when an unanswered alert passes its escalation day.
        public static let escalatedKind = "escalated"
        /// `opened`, `updated`, `escalated`, or an `AlertResponse.Action` raw value.
        public var kind: String
        public var day: Day
        public var at: Date
        public var by: String
        public var note: String
        public init(kind: String, day: Day, at: Date, by: String, note: String) {
            self.kind = kind; self.day = day; self.at = at; self.by = by; self.note = note
        }

        public var label: String {
            switch kind {
            case "opened": "生成预警"
            case "updated": "新增风险信号"
            case Self.escalatedKind: "超期升级至信用中心"
            default: AlertResponse.Action(rawValue: kind)?.label ?? kind
            }
        }
    }

    public var id: Int64
    public var uscc: String
    public var firmName: String
    /// The firm's district code (行政区划), for the monitoring page.
    public var district: String
    public var institutionID: Int64
    public var relation: Relation
    /// The warning-rules version of the latest assessment.
    public var rulesVersion: Int
    public var score: Int
    public var level: WarningLevel
    public var signals: [Signal]
    public var explanation: String
    public var response: AlertResponse
    /// The day of the latest assessment.
    public var assessedOn: Day
    public var steps: [Step]

    public var status: AlertResponse.Status { response.status }
    public var openedOn: Day { response.openedOn }
    public var isOpen: Bool { !response.status.isFinal }

    /// A new alert from an assessment on its day.
    public init(id: Int64 = 0, uscc: String, firmName: String, district: String, institutionID: Int64, relation: Relation,
                score: RiskScore, at time: Date) {
        self.id = id; self.uscc = uscc; self.firmName = firmName; self.district = district
        self.institutionID = institutionID; self.relation = relation
        rulesVersion = score.version; self.score = score.score; level = score.level
        signals = Self.signals(of: score); explanation = score.explanation
        response = AlertResponse(openedOn: score.day); assessedOn = score.day
        steps = [Step(kind: "opened", day: score.day, at: time, by: "平台", note: "\(score.level.title)，风险评分 \(score.score) 分")]
    }

    static func signals(of score: RiskScore) -> [Signal] {
        score.contributions.map {
            Signal(code: $0.signal.code, label: $0.signal.code.label, text: $0.signal.text, points: $0.points,
                   detectedOn: $0.signal.detectedOn)
        }
    }

    /// A later assessment while the alert is open: the score, level and signals follow it; the answer so far stays.
    public mutating func update(with score: RiskScore, relation: Relation, at time: Date) {
        guard isOpen else { return }
        let before = (self.score, level)
        rulesVersion = score.version; self.score = score.score; level = score.level
        signals = Self.signals(of: score); explanation = score.explanation; assessedOn = score.day
        self.relation = relation
        let change = before.1 == level ? "仍为\(level.title)" : "由\(before.1.title)调整为\(level.title)"
        steps.append(Step(kind: "updated", day: score.day, at: time, by: "平台",
                          note: "风险评分 \(before.0) → \(score.score) 分，\(change)"))
    }

    /// The institution's answer on `day`; the same errors as `AlertResponse.applying`.
    public mutating func respond(_ event: AlertResponse.Event, by name: String, on day: Day, at time: Date) throws(DomainError) {
        response = try response.applying(event, on: day)
        let note: String = switch event {
        case .acknowledge: ""
        case .confirm(let note): MarketplaceText.trimmed(note)
        case .dismiss(let reason): MarketplaceText.trimmed(reason)
        case .handle(let measure): MarketplaceText.trimmed(measure)
        }
        steps.append(Step(kind: event.action.rawValue, day: day, at: time, by: name, note: note))
    }

    /// Where the answer stands against its deadlines on `today` (the worse of acknowledgement and result).
    public func escalation(today: Day, rules: WarningRules) -> AlertEscalation? {
        response.escalation(level: level, today: today, rules: rules)
    }

    /// Records, once, that the alert went unanswered past its escalation day (红灯) on `today`: the credit center
    /// is told from then on. False when it is not escalated or already was.
    public mutating func escalate(today: Day, rules: WarningRules, at time: Date) -> Bool {
        guard isOpen, !steps.contains(where: { $0.kind == Step.escalatedKind }),
              case .escalated(let days)? = escalation(today: today, rules: rules) else { return false }
        steps.append(Step(kind: Step.escalatedKind, day: today, at: time, by: "平台",
                          note: "超过反馈期限 \(days) 天未反馈，已升级至信用中心"))
        return true
    }

    /// The signal codes, for machines (the webhook, the API list).
    public var codes: [SignalCode] { signals.map(\.code) }
}
