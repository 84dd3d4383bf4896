import Domain
import FluentKit
import Foundation
import SQLKit

/// Institutions' loan products through their lifecycle.
public struct ProductStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Inserts a product (empty `id`) or updates one; returns it with its stored id.
    @discardableResult
    public func save(_ product: LoanProduct) async throws -> LoanProduct {
        try await database.write { unit in try await Self.save(product, in: unit) }
    }

    public static func save(_ product: LoanProduct, in unit: UnitOfWork) async throws -> LoanProduct {
        var stored = product
        let sql = try unit.sql()
        let now = epochMillis()
        if let id = Int64(product.id) {
            try await sql.raw("""
                UPDATE products SET name = \(bind: product.name), type = \(bind: product.type.rawValue),
                  status = \(bind: product.status.rawValue), detail = \(bind: try DetailCoding.encode(product)),
                  review_note = \(bind: product.reviewNote), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            unit.bump(.products)
            return product
        }
        let id = try await sql.insertReturningID("""
            INSERT INTO products (institution_id, name, type, status, detail, review_note, created_at, updated_at)
            VALUES (\(bind: Int64(product.institutionID) ?? 0), \(bind: product.name), \(bind: product.type.rawValue),
              \(bind: product.status.rawValue), '{}', \(bind: product.reviewNote), \(bind: now), \(bind: now))
            RETURNING id
            """, what: "产品编号")
        stored.id = String(id)
        try await sql.raw("UPDATE products SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
        unit.bump(.products)
        return stored
    }

    struct Row: Decodable { let detail: String }

    public func product(id: Int64) async throws -> LoanProduct? {
        try await database.sql().raw("SELECT detail FROM products WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(LoanProduct.self, $0.detail) }
    }

    public func products(institutionID: Int64) async throws -> [LoanProduct] {
        try await database.sql().raw("SELECT detail FROM products WHERE institution_id = \(bind: institutionID) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(LoanProduct.self, $0.detail) }
    }

    public func products(status: ProductStatus) async throws -> [LoanProduct] {
        try await database.sql().raw("SELECT detail FROM products WHERE status = \(bind: status.rawValue) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(LoanProduct.self, $0.detail) }
    }
}
