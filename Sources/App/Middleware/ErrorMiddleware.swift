import CreditLog
import Domain
import Vapor
import Views

/// The one place where errors become responses: JSON `{"error": code, "message": 中文说明}` for the API,
/// an error page for the browser.
struct ErrorMiddleware: Middleware {
    struct Body: Content { let error: String; let message: String }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in
            let (status, code, message) = Self.describe(error)
            if status == .internalServerError {
                // Both come from outside in part: cut them so one request cannot write a huge log line.
                request.logger.error("request failed", metadata: ["error": "\(String(reflecting: error).prefix(500))",
                                                                  "path": "\(request.urlPath.prefix(200))"])
            }
            if Self.wantsHTML(request) {
                if status == .unauthorized, request.urlPath.utf8.count <= RequestLimits.maxPathBytes {
                    let next = request.urlPath.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/console"
                    return request.redirect(to: "/login?next=\(next)")
                }
                // A signed-in user keeps their menu and is sent to their own home, never into another role's area.
                let principal = request.optionalPrincipal
                let html = ErrorPage.render(ErrorPage.Model(
                    context: principal.map { Portal.context(request, $0) }, statusCode: Int(status.code),
                    title: ErrorPage.Model.standardText(for: Int(status.code)).title, message: message,
                    homeHref: principal?.role.homePath ?? "/", homeLabel: principal == nil ? "返回首页" : "返回我的工作台"))
                let response = Response(status: status, body: .init(string: html))
                response.headers.contentType = .html
                return response
            }
            let response = Response(status: status)
            try response.content.encode(Body(error: code, message: message), as: .json)
            return response
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        !request.urlPath.hasPrefix("/api/") && request.headers.accept.contains { $0.mediaType == .html }
    }

    /// A decoding failure in Chinese, naming the field by its path (e.g. `terms.amountCents`, `items[2]`).
    static func describe(decoding error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (codingPath + (last.map { [$0] } ?? [])).map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        func kind(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: "文本"
            case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type: "整数"
            case is Double.Type, is Float.Type: "数字"
            case is Bool.Type: "true 或 false"
            case is [Any].Type: "数组"
            default: String(describing: type).hasPrefix("Array") ? "数组" : "对象或规定格式的值"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "缺少字段“\(Echo.short(path(context.codingPath, key), max: 100))”"
        case .typeMismatch(let type, let context):
            return "字段“\(Echo.short(path(context.codingPath), max: 100))”应为\(kind(type))"
        case .valueNotFound(let type, let context):
            return "字段“\(Echo.short(path(context.codingPath), max: 100))”不能为空，应为\(kind(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "请求内容不是有效的 JSON 或表单" }
            return "字段“\(Echo.short(path(context.codingPath), max: 100))”的值无效"
        @unknown default:
            return "请求内容格式有误"
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, String, String) {
        switch error {
        case let error as DomainError:
            let status: HTTPResponseStatus = switch error {
            case .unknownDataset, .notFound: .notFound
            case .invalidCatalog: .internalServerError
            case .invalidFile, .invalidUSCC, .invalidInput, .invalidFields: .unprocessableEntity
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .conflict, .illegalTransition: .conflict
            case .unavailable: .serviceUnavailable
            }
            return (status, error.code, error.message)
        case let error as MerkleError:
            switch error {
            case .leafIndexOutOfRange, .sizeBeyondTree, .sizesOutOfOrder, .inclusionProofInvalid, .consistencyProofInvalid:
                return (.unprocessableEntity, "invalid_input", error.message)
            case .missingNode, .nodeConflict, .invalidNodeID, .wrongHashCount, .storeFailure:
                return (.internalServerError, "internal_error", error.message)
            }
        // Before AbortError, which Vapor makes DecodingError conform to (with English text and Swift type names).
        case let error as DecodingError:
            return (.unprocessableEntity, "invalid_input", Self.describe(decoding: error))
        case let abort as any AbortError:
            let code = abort.status == .notFound ? "not_found" : abort.status == .payloadTooLarge ? "too_large" : "http_error"
            let message: String = switch abort.status {
            case .notFound: "页面或接口不存在"
            case .payloadTooLarge: "上传内容过大"
            case .methodNotAllowed: "不支持该请求方法"
            case .unsupportedMediaType: "不支持的内容类型"
            default: abort.reason.isEmpty ? "请求有误" : abort.reason
            }
            return (abort.status, code, message)
        case is RequestLimits.PathTooLong:
            return (.uriTooLong, "uri_too_long", "请求地址过长（不超过 \(RequestLimits.maxPathBytes) 字节）")
        default:
            return (.internalServerError, "internal_error", "服务器内部错误，请稍后重试；如持续出现请联系信用中心")
        }
    }
}
