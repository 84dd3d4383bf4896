import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Persistence
import Services
import SQLKit
import Vapor

/// Sets up an application from its configuration: database, migrations, sessions, middleware, routes,
/// background jobs.
/// `runJobs` starts the background worker (for `xyd serve` and tests that need it), if the
/// configuration allows it.
public func configure(_ app: Application, config: AppConfig, runJobs: Bool = false) async throws {
    // SQLite runs each statement on a blocking thread pool, and a connection waiting for a lock spins on its
    // thread. NIO's shared pool has one thread per core (two here): two waiters could occupy it while the
    // lock holder needs a thread to finish, and everything stops. The application gets its own, larger pool.
    // (At least as many threads as SQLite connections below, with room to spare.)
    let pool = NIOThreadPool(numberOfThreads: max(16, System.coreCount * 4))
    pool.start()
    app.threadPool = pool
    let catalog: Catalog
    if let path = config.catalogPath {
        catalog = try CatalogLoader.load(from: path)
    } else {
        catalog = try CatalogLoader.bundled()
    }
    let evaluationModel: EvaluationModel
    do { evaluationModel = try EvaluationModelLoader.bundled(catalog: catalog) } catch {
        throw DomainError.invalidInput(field: "evaluation-model.json", reason: error.message)
    }
    app.config = config
    app.platform = Platform(catalog: catalog, evaluationModel: evaluationModel, policy: config.policy, metrics: Metrics())
    app.logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info

    // Group commits (access log, applications) get connections of their own: waiting for a connection
    // behind every request's reads would hold up all the requests sharing the commit.
    if let url = config.databaseURL {
        try app.databases.use(.postgres(url: url), as: .psql)
        try app.databases.use(.postgres(url: url, maxConnectionsPerEventLoop: 2), as: .commits, isDefault: false)
    } else {
        try FileManager.default.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true)
        // FluentSQLiteDriver keeps one connection per event loop whatever it is asked for. A batch's transaction
        // holds its connection for the whole file, so batches get connections of their own (`.ingest`, waited for
        // as long as a batch takes): on the requests' connection, every request on that event loop waited 10 s
        // for it and failed while a department's large file was written. Readers do not block the writer (WAL).
        // Requests' reads: `SQLiteReaders.pools` connections per event loop, not one.
        app.databases.use(.spread(.sqlite(.file(config.sqlitePath.path), sqlLogLevel: .trace), pools: SQLiteReaders.pools), as: .sqlite)
        app.databases.use(.sqlite(.file(config.sqlitePath.path), sqlLogLevel: .trace), as: .commits, isDefault: false)
        app.databases.use(.sqlite(.file(config.sqlitePath.path), connectionPoolTimeout: .minutes(30), sqlLogLevel: .trace),
                          as: .ingest, isDefault: false)
    }
    if !config.usesPostgres, let sql = app.db as? any SQLDatabase {
        // Write-ahead logging: pages keep being read while a batch is written.
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }
    let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
    let commits = app.db(.commits)
    if !config.usesPostgres {
        try await SQLiteReaders.sleepWhileBusy(app, ids: [.sqlite, .ingest], also: [commits])
    }
    app.runtime = Runtime(commits: commits, ingest: config.usesPostgres ? nil : app.db(.ingest),
                          usesSQLite: !config.usesPostgres,
                          quickReads: config.usesPostgres ? nil : QuickReads(path: config.sqlitePath.path)) { document in
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try encoder.encode(EnterpriseController.ProfileResponse(document), to: &body, headers: &headers)
        return body
    }
    app.uploadProgress = UploadProgress.board(usesPostgres: config.usesPostgres)
    // Each migration's start and finish is a debug line: a command prints its own output, not the schema's.
    app.fluent.migrationLogLevel = .debug
    for migration in Schema.migrations { app.migrations.add(migration) }
    app.migrations.add(SessionRecord.migration)

    app.sessions.use { UnchangedSessions(base: $0.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "xyd_session"
    let secure = config.secureCookies
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 8 * 3600, path: "/", isSecure: secure, isHTTPOnly: true,
                          sameSite: .lax)
    }
    app.passwords.use(.bcrypt(cost: 10))

    app.middleware = Middlewares()
    let inFlight = InFlightRequests()
    app.middleware.use(inFlight.middleware())
    app.lifecycle.use(DrainRequests(requests: inFlight))
    // First after the drain: the stylesheet and script cost a dictionary lookup, nothing else.
    app.middleware.use(StaticFiles(publicDirectory: publicDirectory()))
    app.middleware.use(MetricsMiddleware())
    // Outside the error middleware, so error pages and JSON errors carry the headers too.
    app.middleware.use(SecurityHeaders())
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(RequestLimits())
    app.middleware.use(app.sessions.middleware)
    app.routes.defaultMaxBodySize = "8mb"

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port

    // The log's signing key lives outside the database; create it on first start.
    _ = try app.logSigner
    try routes(app)
    if runJobs, config.runsJobs { app.lifecycle.use(JobWorker(pollInterval: config.jobPollInterval)) }
}

/// The static files shipped with the app (CSS, JavaScript).
func publicDirectory() -> String {
    (Bundle.module.resourceURL?.appendingPathComponent("Public").path ?? "Public") + "/"
}

extension DatabaseID {
    /// The connections the group committers write through (`Committers`).
    static let commits = DatabaseID(string: "commits")
    /// SQLite: the connection batches are written through (`Runtime.ingest`).
    static let ingest = DatabaseID(string: "ingest")
}
