import FluentKit
import PostgresNIO
import SQLiteNIO

/// How a batch writes new records: one write interface, three implementations. The fastest one the
/// connection allows is taken unless one is asked for (`BatchIngestor.writePath`); every one of them gives
/// the same stored result, which one conformance suite checks on both databases (PersistenceTests,
/// `RecordPathConformanceTests`), the SQL fallback forced included.
public enum RecordWritePath: String, CaseIterable, Sendable {
    /// SQLite's C interface: one prepared single-row INSERT per record (`SQLiteNative`).
    case sqliteNative
    /// Multi-row INSERT statements through the driver: the fallback, on both databases (`BulkPaths.insertRecords`).
    case sqlStatements
    /// PostgreSQL's COPY (`BulkPaths.copyRecords`).
    case postgresCopy

    /// The paths a database of this kind can take, fastest first.
    public static func available(on kind: DatabaseKind) -> [RecordWritePath] {
        switch kind {
        case .sqlite: [.sqliteNative, .sqlStatements]
        case .postgres: [.postgresCopy, .sqlStatements]
        }
    }
}

/// How the current records of many firms are read (`RecordStore.records(usccs:datasets:path:)`): one read
/// interface, three implementations, checked against each other by the same conformance suite.
public enum RecordReadPath: String, CaseIterable, Sendable {
    /// SQLite: one row per firm, its records packed with their lengths (`NativeRecordReads.sqlite`).
    case sqlitePacked
    /// PostgreSQL: rows decoded natively, the firms bound as one array (`NativeRecordReads.postgres`).
    case postgresRows
    /// Rows through SQLKit's `Decodable` decoding: the fallback, on both databases.
    case sqlRows

    public static func available(on kind: DatabaseKind) -> [RecordReadPath] {
        switch kind {
        case .sqlite: [.sqlitePacked, .sqlRows]
        case .postgres: [.postgresRows, .sqlRows]
        }
    }
}
