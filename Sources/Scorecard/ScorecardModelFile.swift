import Foundation

/// The model file: pretty-printed JSON with sorted keys, `format` = `xinyidai.scorecard` and a
/// `formatVersion`. Readers accept any version up to `ScorecardModel.currentFormatVersion`.
extension ScorecardModel {
    /// The model as a readable JSON file.
    public func fileData() throws(ScorecardError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .invalidModelFile("无法写出模型：\(error)")
        }
    }

    /// Writes the model file.
    public func write(toFile path: String) throws(ScorecardError) {
        let data = try fileData()
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw .invalidModelFile("无法写入文件“\(path)”")
        }
    }

    /// Reads a model file.
    public init(fileData data: Data) throws(ScorecardError) {
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw .invalidModelFile("不是有效的 JSON")
        }
        let format = header.format ?? ""
        let version = header.formatVersion ?? 0
        guard format == ScorecardModel.formatName, version >= 1, version <= ScorecardModel.currentFormatVersion else {
            throw .unsupportedModelFormat(format: format, version: version)
        }
        do {
            self = try decoder.decode(ScorecardModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidModelFile("缺少字段 \(ScorecardModel.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidModelFile("字段类型错误 \(ScorecardModel.path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalidModelFile("字段为空 \(ScorecardModel.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidModelFile("数据无效 \(ScorecardModel.path(context.codingPath))")
        } catch {
            throw .invalidModelFile("\(error)")
        }
        guard variables.allSatisfy({ $0.coefficient.isFinite }), intercept.isFinite else {
            throw .invalidModelFile("系数不是有限数")
        }
    }

    /// Reads a model file from disk.
    public init(contentsOfFile path: String) throws(ScorecardError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileUnreadable(path) }
        try self.init(fileData: data)
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
