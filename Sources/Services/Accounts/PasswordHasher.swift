/// Hashes and checks passwords for the use cases that create accounts or sign people in. The app hands in
/// its bcrypt hasher; tests hand in a fake that counts its calls. Use cases reach it as
/// `ServiceContext.passwords`, never through a global.
public protocol PasswordHasher: Sendable {
    /// A hash of `password` to store (bcrypt in the app: salted, slow on purpose).
    func hash(_ password: String) async throws -> String
    /// Whether `password` is the one `created` was made from.
    func verify(_ password: String, created: String) async throws -> Bool
}
