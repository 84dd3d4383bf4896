import Foundation
import Plot

extension EnterpriseProfilePage {
    /// The public credit evaluation shown on a profile: score, grade, reasons and the grade's history.
    public struct EvaluationCard: Sendable, Equatable {
        public struct Reason: Sendable, Equatable {
            public var text: String
            public var points: Int
            /// A record behind the line is under an open objection.
            public var underObjection: Bool
            public init(text: String, points: Int, underObjection: Bool = false) {
                self.text = text; self.points = points; self.underObjection = underObjection
            }
        }

        public struct Change: Sendable, Equatable {
            public var date: Date
            public var grade: String
            public var score: Int
            public init(date: Date, grade: String, score: Int) { self.date = date; self.grade = grade; self.score = score }
        }

        /// nil when the viewer may not read all the data behind it (only the grade is shown then).
        public var score: Int?
        public var grade: String
        public var baseScore: Int
        public var asOf: String
        public var reasons: [Reason]
        public var history: [Change]

        public init(score: Int?, grade: String, baseScore: Int, asOf: String, reasons: [Reason], history: [Change]) {
            self.score = score; self.grade = grade; self.baseScore = baseScore; self.asOf = asOf
            self.reasons = reasons; self.history = history
        }
    }

    static func evaluationCard(_ card: EvaluationCard) -> BodyNode {
        let tone: BadgeTone = card.grade.hasPrefix("A") ? .success : card.grade.hasPrefix("B") ? .info
            : card.grade.hasPrefix("C") ? .warning : .danger
        return .section(
            .cls("card"),
            .attr("aria-labelledby", "evaluation-title"),
            .div(
                .cls("card-header"),
                .h2(.cls("card-title"), .id("evaluation-title"), .text("公共信用综合评价")),
                Badge.node("\(card.grade) 级", tone: tone)
            ),
            .p(.cls("muted"), .text(card.score.map { "得分 \($0)（基础分 \(card.baseScore)，评价日 \(card.asOf)）" }
                ?? "评价日 \(card.asOf)；部分维度的数据超出您的查看范围，只显示等级")),
            .if(card.reasons.isEmpty, .p(.text("没有加分或扣分项。")), else: .ul(
                .cls("reason-list"),
                .forEach(card.reasons) { reason in
                    .li(
                        .span(.cls(reason.points < 0 ? "points points-minus" : "points points-plus"),
                              .text(reason.points > 0 ? "+\(reason.points)" : "\(reason.points)")),
                        .text(" " + reason.text),
                        .if(reason.underObjection, Badge.node("异议处理中", tone: .warning))
                    )
                }
            )),
            .if(card.history.count > 1, .p(
                .cls("muted"),
                .text("等级变化：" + card.history.map { "\(Format.date($0.date)) \($0.grade)（\($0.score)）" }.joined(separator: " → "))
            ))
        )
    }
}
