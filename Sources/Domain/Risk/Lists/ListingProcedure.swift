/// The steps of the listing procedure on a `ListingEntry` (see `ListingStatus` for the diagram).
extension ListingEntry {
    /// The entry after `event` on `day`, under the rules in force on the entry's `rulesDay`.
    /// `illegalTransition` when the status does not allow the step; `invalidInput` or `conflict` when the
    /// step comes at the wrong time (an objection after the window, a listing before it has run out …).
    public func applying(_ event: ListingEvent, on day: Day, rules: ListRules,
                         calendar: WorkingDays = WorkingDays()) throws(DomainError) -> ListingEntry {
        guard let target = status.target(of: event.action) else {
            throw .illegalTransition(entity: "失信名单记录", from: status.label, action: event.action.label)
        }
        guard let rulesDay else { throw .invalidInput(field: "proposedOn", reason: "名单记录缺少拟列入日期") }
        let v = try rules.required(on: rulesDay)
        var next = self
        next.status = target
        switch event {
        case .notify(let text):
            let text = text.trimmingSpaces()
            guard !text.isEmpty else {
                throw .invalidInput(field: "noticeText", reason: "书面告知须写明列入的事由、依据和当事人依法享有的权利")
            }
            try Self.notBefore(day, proposedOn, "告知日期", "拟列入日期")
            next.noticeDay = day
            next.noticeText = text
            next.objectionWindowEnds = v.objectionWindow.lastDay(openedOn: day, calendar: calendar)
        case .object(let reason):
            let reason = reason.trimmingSpaces()
            guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "异议理由不能为空") }
            try Self.notBefore(day, noticeDay, "异议日期", "告知日期")
            if let ends = objectionWindowEnds, day > ends {
                throw .invalidInput(field: "day", reason: "异议期已于 \(ends) 届满，不再受理异议")
            }
            next.objections.append(ListingObjection(filedOn: day, reason: reason,
                                                    answerDue: v.objectionAnswer.lastDay(openedOn: day, calendar: calendar)))
        case .rejectObjection(let answer), .upholdObjection(let answer):
            let answer = answer.trimmingSpaces()
            guard !answer.isEmpty else { throw .invalidInput(field: "answer", reason: "须书面答复异议的核实结果和理由") }
            guard let index = objections.lastIndex(where: \.isOpen) else {
                throw .illegalTransition(entity: "失信名单记录", from: status.label, action: event.action.label)
            }
            try Self.notBefore(day, objections[index].filedOn, "答复日期", "异议日期")
            next.objections[index].answeredOn = day
            next.objections[index].upheld = event.action == .upholdObjection
            next.objections[index].answer = answer
        case .list:
            if let ends = objectionWindowEnds, day <= ends {
                throw .conflict("异议期至 \(ends) 届满，届满前不得列入名单")
            }
            try Self.notBefore(day, objections.compactMap(\.answeredOn).max(), "列入日期", "异议答复日期")
            next.listedOn = day
        case .publish:
            try Self.notBefore(day, listedOn, "公布日期", "列入日期")
            next.publishedOn = day
        case .remove(let reason):
            let reason = reason.trimmingSpaces()
            guard !reason.isEmpty else { throw .invalidInput(field: "removalReason", reason: "须写明移出事由") }
            try Self.notBefore(day, listedOn, "移出日期", "列入日期")
            next.removedOn = day
            next.removalReason = reason
        }
        return next
    }

    static func notBefore(_ day: Day, _ earliest: Day?, _ what: String, _ reference: String) throws(DomainError) {
        if let earliest, day < earliest {
            throw .invalidInput(field: "day", reason: "\(what) \(day) 不能早于\(reference) \(earliest)")
        }
    }
}
