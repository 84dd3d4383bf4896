import Foundation
@testable import Domain

enum EvaluationFixtures {
    static let uscc = "91350100M000100Y43"

    static func record(_ dataset: String, _ id: String, date: String, _ content: [String: String],
                       uscc: String = uscc, version: Int = 1) -> StoredRecord {
        StoredRecord(dataset: dataset, recordID: id, uscc: uscc, content: content, eventDate: date,
                     collectedAt: Date(timeIntervalSince1970: 0), version: version, batchID: 1, sourceDepartment: nil)
    }

    static func model() throws -> EvaluationModel {
        try EvaluationModelLoader.bundled(catalog: CatalogLoader.bundled())
    }
}
