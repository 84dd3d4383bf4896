import Services
import Synchronization

/// A password hasher for tests: cheap ("fake:" + the password) and counting what it was asked to verify
/// against, so a test can see that a use case did the work it must do.
final class CountingHasher: PasswordHasher {
    private let checked = Mutex<[String]>([])

    func hash(_ password: String) async throws -> String { "fake:" + password }

    func verify(_ password: String, created: String) async throws -> Bool {
        checked.withLock { $0.append(created) }
        return created == "fake:" + password
    }

    /// The stored hashes passwords were verified against, in order.
    var verified: [String] { checked.withLock { $0 } }
}
