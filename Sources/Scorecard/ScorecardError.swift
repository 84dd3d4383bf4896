/// Problems the scorecard engine reports to its users (training tables, fold files, model files).
///
/// Every case has a Chinese `message` that can be shown to a credit analyst as it is.
public enum ScorecardError: Error, Equatable, Sendable {
    /// The file cannot be read from disk.
    case fileUnreadable(String)
    /// The CSV file has no header row.
    case emptyFile
    /// The bytes are not valid UTF-8.
    case invalidEncoding
    /// A quoted field is not closed, or a quote appears in the middle of an unquoted field.
    case malformedCSV(line: Int, detail: String)
    /// A data row has a different number of fields than the header.
    case raggedRow(line: Int, expected: Int, found: Int)
    /// Two header cells have the same name.
    case duplicateColumn(String)
    /// The target column named by the user is not in the header.
    case targetColumnMissing(String)
    /// A target cell is not 0 or 1 (rows numbered from 0 in file order, header excluded).
    case targetNotBinary(row: Int, value: String)
    /// The training rows contain only goods or only bads.
    case singleClassTarget(bads: Int, goods: Int)
    /// There are no rows to train on.
    case noRows
    /// The folds file lacks the `row` or `fold` column.
    case foldsColumnsMissing
    /// The folds file does not have one line per data row.
    case foldsRowCountMismatch(expected: Int, found: Int)
    /// A folds line has a row number or fold that is not a non-negative integer, or a row outside the data.
    case foldsInvalidValue(line: Int, value: String)
    /// The same data row appears twice in the folds file.
    case foldsDuplicateRow(Int)
    /// Fewer than two folds are defined.
    case foldsTooFew(Int)
    /// A fold's test part has only one class, so AUC and KS are undefined.
    case foldSingleClass(fold: Int)
    /// A column the model uses is absent from the file to score.
    case columnMissingForScoring(String)
    /// The model file cannot be read.
    case invalidModelFile(String)
    /// The model file was written by an unknown format or a newer format version.
    case unsupportedModelFormat(format: String, version: Int)
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .fileUnreadable(let path):
            "无法读取文件“\(path)”"
        case .emptyFile:
            "文件为空：缺少表头行"
        case .invalidEncoding:
            "文件不是有效的 UTF-8 编码"
        case .malformedCSV(let line, let detail):
            "第\(line)行 CSV 格式错误：\(detail)"
        case .raggedRow(let line, let expected, let found):
            "第\(line)行有\(found)个字段，表头有\(expected)个字段"
        case .duplicateColumn(let name):
            "表头中列名“\(name)”重复"
        case .targetColumnMissing(let name):
            "找不到目标列“\(name)”"
        case .targetNotBinary(let row, let value):
            "目标列的值必须为 0 或 1：第\(row)行（从0起计，不含表头）的值为“\(value)”"
        case .singleClassTarget(let bads, let goods):
            "训练数据必须同时包含好样本和坏样本（坏样本\(bads)个，好样本\(goods)个）"
        case .noRows:
            "没有可用于训练的数据行"
        case .foldsColumnsMissing:
            "折分文件必须包含 row 和 fold 两列"
        case .foldsRowCountMismatch(let expected, let found):
            "折分文件的行数与数据不一致：数据有\(expected)行，折分文件有\(found)行"
        case .foldsInvalidValue(let line, let value):
            "折分文件第\(line)行的值“\(value)”无效：row 须为数据中存在的行号，fold 须为非负整数"
        case .foldsDuplicateRow(let row):
            "折分文件中第\(row)行数据出现了多次"
        case .foldsTooFew(let count):
            "交叉验证至少需要2折，折分文件只有\(count)折"
        case .foldSingleClass(let fold):
            "第\(fold)折的测试集只有一类目标值，无法计算 AUC 和 KS"
        case .columnMissingForScoring(let name):
            "待评分文件缺少模型所需的列“\(name)”"
        case .invalidModelFile(let detail):
            "模型文件无法读取：\(detail)"
        case .unsupportedModelFormat(let format, let version):
            "不支持的模型文件格式：\(format) 版本 \(version)"
        case .invalidConfiguration(let detail):
            "配置参数无效：\(detail)"
        }
    }
}
