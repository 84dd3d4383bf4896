import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in a temporary folder, on 127.0.0.1 and a free port, for tests and
/// benchmarks: `initdb`, `pg_ctl start`, databases on demand, and everything removed on `stop()`. No system
/// service and no root: when run as root (as in containers) the server runs as the `postgres` user.
public final class ThrowawayPostgres: Sendable {
    public let port: Int
    public let directory: URL
    let bin: URL
    let asUser: String?

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case command(String, Int32, String)
        public var description: String {
            switch self {
            case .notInstalled: "未找到 PostgreSQL 服务器程序（initdb）；请安装 Debian 的 postgresql-15 软件包"
            case .command(let c, let s, let out): "命令失败（\(s)）：\(c)\n\(out)"
            }
        }
    }

    /// Finds the server programs: `XYD_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
    static func binDirectory() -> URL? {
        if let path = ProcessInfo.processInfo.environment["XYD_PG_BIN"] { return URL(fileURLWithPath: path) }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { URL(fileURLWithPath: "\(root)/\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }

    /// Starts a new cluster. `durable: false` turns off fsync (tests); benchmarks keep it on.
    public static func start(durable: Bool = false) throws -> ThrowawayPostgres {
        guard let bin = binDirectory() else { throw Failure.notInstalled }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let asUser: String? = geteuid() == 0 ? "postgres" : nil
        if let asUser { try run("/bin/chown", ["-R", "\(asUser):", directory.path], asUser: nil) }
        let cluster = ThrowawayPostgres(port: try freePort(), directory: directory, bin: bin, asUser: asUser)
        try cluster.pg("initdb", ["-D", cluster.dataPath, "-U", "xyd", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        // The suite runs many test apps at once, each with its own pool: 200 connections ran out under full load.
        var options = "-p \(cluster.port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c max_connections=500"
        if !durable { options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" }
        try cluster.pg("pg_ctl", ["-D", cluster.dataPath, "-o", options, "-l", directory.appendingPathComponent("server.log").path, "-w", "start"])
        return cluster
    }

    init(port: Int, directory: URL, bin: URL, asUser: String?) {
        self.port = port; self.directory = directory; self.bin = bin; self.asUser = asUser
    }

    var dataPath: String { directory.appendingPathComponent("data").path }

    /// Creates a database and returns its URL.
    /// Copying a template fails while another session is still connected to it (a pooled connection of the process that
    /// migrated it, closed late): such a copy is tried again a few times, ending that session, before giving up.
    public func createDatabase(_ name: String, template: String? = nil) throws -> String {
        var attempt = 0
        while true {
            do {
                try pg("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "xyd"] + (template.map { ["-T", $0] } ?? []) + [name])
                return url(database: name)
            } catch where template != nil && attempt < 5 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
                // A template is only ever copied: a session still connected to it (a pool of the process that migrated it,
                // closed late) is ended so the copy can proceed.
                if let template, template.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    _ = try? psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(template)' AND pid <> pg_backend_pid()")
                }
            }
        }
    }

    public func url(database: String) -> String { "postgres://xyd@127.0.0.1:\(port)/\(database)?sslmode=disable" }

    /// Runs psql with a command (benchmarks use it for the `\copy` reference).
    @discardableResult
    public func psql(_ database: String, _ command: String) throws -> String {
        try pg("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "xyd", "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", command])
    }

    /// Writes every dirty page out now (benchmarks: so that the next load starts from a checkpoint, as the one
    /// it is compared with did) and flushes the machine's file writes.
    public func checkpoint() throws {
        try psql("postgres", "CHECKPOINT")
        sync()
    }

    /// Stops the server at once and removes its folder.
    public func stop() {
        _ = try? pg("pg_ctl", ["-D", dataPath, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func pg(_ program: String, _ arguments: [String]) throws -> String {
        try Self.run(bin.appendingPathComponent(program).path, arguments, asUser: asUser)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], asUser: String?) throws -> String {
        if let asUser { return try Subprocess.run("/usr/sbin/runuser", ["-u", asUser, "--", executable] + arguments) }
        return try Subprocess.run(executable, arguments)
    }

    /// Asks the kernel for a free TCP port on 127.0.0.1 (for this cluster, and for servers tests start).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure.command("bind", errno, "无法分配端口") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
