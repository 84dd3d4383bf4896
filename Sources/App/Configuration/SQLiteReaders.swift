import FluentKit
import Synchronization

/// Several SQLite connection pools behind one database id, each new database handle taking the next pool in
/// turn. FluentSQLiteDriver keeps one connection per event loop whatever it is asked for (it documents
/// `maxConnectionsPerEventLoop` as ignored), so on a 2-core machine every read of every request queued for one
/// of two connections: under 64 concurrent applicants a firm's first application (seven reads) waited
/// 25–60 ms for them. SQLite in WAL mode lets readers run side by side, and every write is a unit of work that
/// takes the write lock first, so more connections change nothing but the waiting.
struct SQLiteReaders: DatabaseConfiguration {
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

extension DatabaseConfigurationFactory {
    /// `base` behind `pools` connection pools (see `SQLiteReaders`).
    static func spread(_ base: DatabaseConfigurationFactory, pools: Int) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { SQLiteReaders(base: base.make(), pools: pools) }
    }
}
