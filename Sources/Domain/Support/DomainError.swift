/// Errors the domain reports to users. Each has a stable code for machines and a Chinese message for
/// people; the App layer maps them to HTTP statuses in one place.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownDataset(String)
    case invalidCatalog(entry: String, reason: String)
    /// A problem of the whole file (unknown column, missing header, bad encoding): nothing is stored.
    case invalidFile(reason: String)
    case invalidUSCC(String, reason: String)
    case notFound(String)
    case invalidInput(field: String, reason: String)
    /// Several fields of one form are wrong; each is named with its reason (see `FieldChecks`).
    case invalidFields([FormProblem])
    case unauthenticated
    case forbidden(String)
    case conflict(String)
    /// An action a state machine does not allow from the current state (e.g. disbursing a rejected loan).
    case illegalTransition(entity: String, from: String, action: String)
    /// Something this server cannot do now (a tool it lacks, a service down): try another way or later.
    case unavailable(String)

    public var code: String {
        switch self {
        case .unknownDataset: "unknown_dataset"
        case .invalidCatalog: "invalid_catalog"
        case .invalidFile: "invalid_file"
        case .invalidUSCC: "invalid_uscc"
        case .notFound: "not_found"
        case .invalidInput, .invalidFields: "invalid_input"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .conflict: "conflict"
        case .illegalTransition: "illegal_transition"
        case .unavailable: "unavailable"
        }
    }

    public var description: String { message }

    public var message: String {
        switch self {
        case .unknownDataset(let id): "数据目录中没有数据集“\(id)”"
        case .invalidCatalog(let entry, let reason): "数据目录有误：\(entry)：\(reason)"
        case .invalidFile(let reason): "文件无法导入：\(reason)"
        case .invalidUSCC(let code, let reason): "统一社会信用代码“\(code)”无效：\(reason)"
        case .notFound(let what): "未找到\(what)"
        case .invalidInput(let field, let reason): "参数“\(field)”有误：\(reason)"
        case .invalidFields(let problems):
            problems.count == 1 ? "提交的内容有误：\(problems[0].text)"
                : "提交的内容有 \(problems.count) 处错误：" + problems.map(\.text).joined(separator: "；")
        case .unauthenticated: "请先登录或提供有效的访问令牌"
        case .forbidden(let reason): "无权访问：\(reason)"
        case .conflict(let reason): "操作冲突：\(reason)"
        case .illegalTransition(let entity, let from, let action): "\(entity)当前状态为“\(from)”，不能\(action)"
        case .unavailable(let reason): "暂不可用：\(reason)"
        }
    }
}
