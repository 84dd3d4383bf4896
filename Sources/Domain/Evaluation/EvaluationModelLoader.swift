import Foundation

/// Reads an evaluation model file and checks it as a whole, naming the bad entry when something is wrong.
public enum EvaluationModelLoader {
    public static let resourceName = "evaluation-model"

    /// The model shipped with the platform (`evaluation-model.json` among the bundle's resources).
    public static func bundled(catalog: Catalog? = nil) throws(EvaluationModelError) -> EvaluationModel {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: "json") else {
            throw EvaluationModelError(entry: "evaluation-model.json", reason: "安装包中缺少内置评价模型文件")
        }
        return try load(from: url, catalog: catalog)
    }

    public static func load(from url: URL, catalog: Catalog? = nil) throws(EvaluationModelError) -> EvaluationModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EvaluationModelError(entry: url.path, reason: "无法读取文件")
        }
        return try decode(data, catalog: catalog)
    }

    /// Decodes and validates; with a catalog, datasets and fields the items use must exist in it.
    public static func decode(_ data: Data, catalog: Catalog? = nil) throws(EvaluationModelError) -> EvaluationModel {
        let model: EvaluationModel
        do { model = try JSONDecoder().decode(EvaluationModel.self, from: data) } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw EvaluationModelError(entry: "文件", reason: "不是有效的 JSON")
        }
        try EvaluationModelValidator(model: model, catalog: catalog).validate()
        return model
    }

    static func describe(_ error: DecodingError) -> EvaluationModelError {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
            return trimmed.isEmpty ? "文件" : trimmed
        }
        switch error {
        case .keyNotFound(let key, let context):
            return EvaluationModelError(entry: path(context.codingPath + [key]), reason: "缺少必填项")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return EvaluationModelError(entry: path(context.codingPath), reason: "类型不正确")
        case .dataCorrupted(let context):
            return EvaluationModelError(entry: path(context.codingPath), reason: context.codingPath.isEmpty ? "不是有效的 JSON" : "取值无效")
        @unknown default:
            return EvaluationModelError(entry: "文件", reason: "JSON 结构不符合评价模型格式")
        }
    }
}
