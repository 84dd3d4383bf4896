/// Why a workbook could not be written.
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSheetName(String)
    case duplicateSheetName(String)
    case noSheets
    case archive(String)

    public var description: String {
        switch self {
        case .invalidSheetName(let name): "工作表名称“\(name)”无效：须为 1 至 31 个字符，且不含 [ ] : * ? / \\"
        case .duplicateSheetName(let name): "工作表名称“\(name)”重复"
        case .noSheets: "工作簿至少需要一个工作表"
        case .archive(let reason): "无法生成 xlsx 文件：\(reason)"
        }
    }
}
