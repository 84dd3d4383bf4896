extension ErrorPage {
    /// An error page; renders with the full layout when `context` is given, otherwise brand-only.
    public struct Model: Sendable, Equatable {
        /// The signed-in user's context, or `nil` (anonymous, or the session could not be read).
        public var context: PageContext?
        public var statusCode: Int
        /// e.g. `页面不存在`.
        public var title: String
        /// e.g. `您访问的页面不存在或已被移除。`
        public var message: String
        /// A request id to quote when contacting the administrator.
        public var requestID: String?
        /// Where the user's own home is (a firm's /firm, a bank's /bank …; the public home for visitors).
        public var homeHref: String
        public var homeLabel: String

        public init(context: PageContext?, statusCode: Int, title: String, message: String, requestID: String? = nil,
                    homeHref: String = "/", homeLabel: String = "返回首页") {
            self.context = context; self.statusCode = statusCode; self.title = title; self.message = message
            self.requestID = requestID; self.homeHref = homeHref; self.homeLabel = homeLabel
        }

        /// The standard Chinese title and message for `statusCode`.
        public init(statusCode: Int, context: PageContext? = nil, requestID: String? = nil) {
            let text = Self.standardText(for: statusCode)
            self.init(context: context, statusCode: statusCode, title: text.title, message: text.message, requestID: requestID)
        }

        public static func standardText(for statusCode: Int) -> (title: String, message: String) {
            switch statusCode {
            case 400: ("请求有误", "提交的内容无法处理，请检查后重试。")
            case 401: ("需要登录", "请先登录后再访问此页面。")
            case 403: ("无权访问", "当前账号没有访问此页面的权限。如需开通，请联系市信用中心。")
            case 404: ("页面不存在", "您访问的页面不存在或已被移除，请检查地址是否正确。")
            case 405: ("请求方式不支持", "此页面不支持该请求方式。")
            case 409: ("操作冲突", "该操作与当前状态冲突，请刷新页面后重试。")
            case 413: ("文件过大", "上传的文件超过了大小限制，请拆分后分批上传。")
            case 415: ("文件格式不支持", "请上传 CSV 或 JSON Lines 格式的文件。")
            case 419, 422: ("无法处理请求", "页面已过期或提交的内容不完整，请刷新页面后重试。")
            case 429: ("请求过于频繁", "请稍后再试。")
            case 503: ("服务暂不可用", "系统正在维护或负载过高，请稍后再试。")
            case 500...599: ("系统错误", "服务器处理请求时出错，请稍后再试。如问题持续，请联系平台管理员。")
            default: ("出错了", "请求未能完成，请稍后再试。")
            }
        }
    }
}
