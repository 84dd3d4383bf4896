import FluentKit

/// How a batch writes new records: one write interface, three implementations. The fastest one the
/// connection allows is taken unless one is asked for (`BatchIngestor.writePath`); every one of them gives
/// the same stored result, which one conformance suite checks on both databases (PersistenceTests,
/// `RecordPathConformanceTests`), the SQL fallback forced included.
public enum RecordWritePath: String, CaseIterable, Sendable, DatabasePath {
    /// SQLite's C interface: one prepared single-row INSERT per record (`SQLiteNative`).
    case sqliteNative
    /// PostgreSQL's COPY (`BulkPaths.copyRecords`).
    case postgresCopy
    /// Multi-row INSERT statements through the driver: the fallback, on both databases (`BulkPaths.insertRecords`).
    case sqlStatements

    public var database: DatabaseKind? {
        switch self { case .sqliteNative: .sqlite; case .postgresCopy: .postgres; case .sqlStatements: nil }
    }
}

/// How the current records of many firms are read (`RecordStore.records(usccs:datasets:path:)`): one read
/// interface, three implementations, checked against each other by the same conformance suite.
public enum RecordReadPath: String, CaseIterable, Sendable, DatabasePath {
    /// SQLite: one row per firm, its records packed with their lengths (`NativeRecordReads.sqlite`).
    case sqlitePacked
    /// PostgreSQL: rows decoded natively, the firms bound as one array (`NativeRecordReads.postgres`).
    case postgresRows
    /// Rows through SQLKit's `Decodable` decoding: the fallback, on both databases.
    case sqlRows

    public var database: DatabaseKind? {
        switch self { case .sqlitePacked: .sqlite; case .postgresRows: .postgres; case .sqlRows: nil }
    }
}

/// A way to read or write that one database or both offer; cases are declared fastest first.
public protocol DatabasePath: CaseIterable where AllCases == [Self] {
    /// The database the path needs; nil when both offer it.
    var database: DatabaseKind? { get }
}

extension DatabasePath {
    /// The paths a database of this kind can take, fastest first.
    public static func available(on kind: DatabaseKind) -> [Self] {
        allCases.filter { $0.database.map { $0 == kind } ?? true }
    }
}
