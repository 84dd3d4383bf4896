import Services
import Vapor

/// The services' password hasher: Vapor's bcrypt (cost 10, chosen in `configure`), run on the application's
/// thread pool so that a slow hash never blocks an event loop.
struct BcryptPasswordHasher: Services.PasswordHasher {
    let application: Application

    func hash(_ password: String) async throws -> String {
        try await application.password.async.hash(password)
    }

    func verify(_ password: String, created: String) async throws -> Bool {
        try await application.password.async.verify(password, created: created)
    }
}

/// The services' hasher protocol under a name of its own: App also sees Vapor's `PasswordHasher`, and inside
/// `extension Application` the word `Services` means Vapor's `Application.Services`.
public typealias ServicesPasswordHasher = Services.PasswordHasher
