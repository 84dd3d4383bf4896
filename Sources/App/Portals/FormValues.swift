import Domain
import Foundation
import Vapor

/// The values of a posted `application/x-www-form-urlencoded` form, read back so a refused form can be shown
/// again as it was sent. Passwords, one-time codes and the CSRF token are never kept, and each value and the
/// whole are bounded (the echo lives in the session until the next page).
enum FormValues {
    static let maxValueCharacters = 2_000
    static let maxFields = 100

    static func echoed(_ req: Request) -> [String: [String]] {
        guard req.headers.contentType == .urlEncodedForm, let body = req.body.string else { return [:] }
        return parse(body)
    }

    static func parse(_ body: String) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&").prefix(maxFields * 4) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decoded(parts[0])
            guard !key.isEmpty, !isSecret(key), values.count < maxFields || values[key] != nil else { continue }
            values[key, default: []].append(String(decoded(parts.count > 1 ? parts[1] : "").prefix(maxValueCharacters)))
        }
        return values
    }

    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower == "csrf" || lower.contains("password") || lower.contains("otp") || lower.contains("code_sms")
    }
}

/// A use case names a wrong field by its own word (`amount`); a page's input may be named otherwise
/// (`amount_yuan`). `renaming` re-labels the use case's problems so each shows under its input.
enum FormKeys {
    static func renaming<T>(_ keys: [String: String], _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DomainError {
            switch error {
            case .invalidInput(let field, let reason):
                throw DomainError.invalidFields([FormProblem(field: keys[field] ?? field, reason: reason)])
            case .invalidFields(let problems):
                throw DomainError.invalidFields(problems.map { FormProblem(field: keys[$0.field] ?? $0.field, reason: $0.reason) })
            default:
                throw error
            }
        }
    }
}
