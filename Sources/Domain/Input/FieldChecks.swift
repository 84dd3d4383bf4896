/// One field of a submitted form that is wrong, and why: `field` is the form's key or the field's Chinese
/// name (whichever the check knew), `reason` the plain-Chinese explanation shown under the field.
public struct FormProblem: Sendable, Equatable, Codable {
    public var field: String
    public var reason: String
    public init(field: String, reason: String) { self.field = field; self.reason = reason }

    /// "最低额度：应为金额" — the field named only when it is a Chinese name, never an English key.
    public var text: String {
        field.unicodeScalars.allSatisfy(\.isASCII) ? reason : "\(field)：\(reason)"
    }
}

/// Runs every check of a form and keeps going after a failure, so that the user learns of every wrong
/// field at once instead of one per submission:
///
///     var checks = FieldChecks()
///     let name = checks.run("name") { try Validate.text(form.name, field: "产品名称") }
///     let term = checks.run("term") { try Validate.int(form.term, field: "期限", range: 1...360) }
///     try checks.finish()          // throws DomainError.invalidFields([...]) when any failed
///     return Product(name: name!, term: term!)
///
/// A check that fails is recorded under the form key given to `run` (the key is what the page matches to
/// its input), with the reason of its `invalidInput`.
public struct FieldChecks: Sendable {
    public private(set) var problems: [FormProblem] = []

    public init() {}

    public mutating func run<T>(_ key: String, _ check: () throws -> T) -> T? {
        do {
            return try check()
        } catch DomainError.invalidInput(let field, let reason) {
            add(key, field == key || field.isEmpty ? reason : Self.named(field, reason))
        } catch let error as DomainError {
            add(key, error.message)
        } catch {
            add(key, "无法识别")
        }
        return nil
    }

    /// Records a problem found by a rule that spans fields (e.g. the minimum above the maximum).
    public mutating func add(_ key: String, _ reason: String) {
        problems.append(FormProblem(field: key, reason: reason))
    }

    /// Throws every problem found, or nothing.
    public func finish() throws {
        guard !problems.isEmpty else { return }
        throw DomainError.invalidFields(problems)
    }

    /// A reason keeps the Chinese name of the field it was written for ("最低额度应为金额"), so that it reads
    /// right both under the input and in the summary; an English key is never shown.
    private static func named(_ field: String, _ reason: String) -> String {
        field.unicodeScalars.allSatisfy(\.isASCII) ? reason : "\(field)\(reason.hasPrefix("应") || reason.hasPrefix("不") ? "" : "：")\(reason)"
    }
}
