import Fluent
import FluentKit
import SQLKit
import Synchronization
import Vapor

/// Several SQLite connection pools behind one database id, each new database handle taking the next pool in
/// turn. FluentSQLiteDriver keeps one connection per event loop whatever it is asked for (it documents
/// `maxConnectionsPerEventLoop` as ignored), so on a 2-core machine every read of every request queued for one
/// of two connections: under 64 concurrent applicants a firm's first application (seven reads) waited
/// 25–60 ms for them. SQLite in WAL mode lets readers run side by side, and every write is a unit of work that
/// takes the write lock first, so more connections change nothing but the waiting.
struct SQLiteReaders: DatabaseConfiguration {
    /// Pools (so connections per event loop) for the requests' database.
    static let pools = 4

    var base: any DatabaseConfiguration
    let pools: Int

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(drivers: (0..<max(1, pools)).map { _ in base.makeDriver(for: databases) })
    }

    final class Driver: DatabaseDriver {
        let drivers: [any DatabaseDriver]
        private let next = Atomic<Int>(0)

        init(drivers: [any DatabaseDriver]) { self.drivers = drivers }

        func makeDatabase(with context: DatabaseContext) -> any Database {
            let turn = next.add(1, ordering: .relaxed).oldValue
            return drivers[turn % drivers.count].makeDatabase(with: context)
        }

        func shutdown() { for driver in drivers { driver.shutdown() } }

        func shutdownAsync() async { for driver in drivers { await driver.shutdownAsync() } }
    }
}

extension SQLiteReaders {
    /// SQLiteNIO's busy handler retries at once and for ever, so a connection waiting for the write lock keeps a
    /// core busy for as long as the writer holds it (with more connections, several did, and the writer they
    /// waited for got a fraction of the CPU). `busy_timeout` sleeps between tries (up to 100 ms) instead; the
    /// limit, 2^31 ms, keeps the old behaviour of waiting for as long as it takes (a large file's batch holds
    /// the lock until it is written). Each pool keeps its connection per event loop for its life, so this runs
    /// once on each: `pools` handles in a row per loop take each pool in turn.
    static func sleepWhileBusy(_ app: Application, ids: [DatabaseID], also others: [any Database]) async throws {
        var handles = others
        for id in ids {
            for loop in app.eventLoopGroup.makeIterator() {
                for _ in 0..<Self.pools {
                    if let database = app.databases.database(id, logger: app.logger, on: loop) { handles.append(database) }
                }
            }
        }
        for database in handles {
            try await (database as? any SQLDatabase)?.raw("PRAGMA busy_timeout = 2147483647").run()
        }
    }
}

extension DatabaseConfigurationFactory {
    /// `base` behind `pools` connection pools (see `SQLiteReaders`).
    static func spread(_ base: DatabaseConfigurationFactory, pools: Int) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { SQLiteReaders(base: base.make(), pools: pools) }
    }
}
