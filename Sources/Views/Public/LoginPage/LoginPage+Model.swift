extension LoginPage {
    /// The sign-in form.
    public struct Model: Sendable, Equatable {
        /// The pre-session CSRF token (e.g. from a cookie) posted back as `csrf`.
        public var csrfToken: String
        /// The username to pre-fill after a failed attempt.
        public var username: String
        /// Shown above the form, e.g. `用户名或密码不正确`.
        public var errorMessage: String?
        /// Where to go after signing in (a local path), posted back as `next`.
        public var next: String?
        /// A message such as `已退出登录` or `登录已过期，请重新登录`.
        public var flash: FlashMessage?

        public init(csrfToken: String, username: String = "", errorMessage: String? = nil, next: String? = nil,
                    flash: FlashMessage? = nil) {
            self.csrfToken = csrfToken; self.username = username; self.errorMessage = errorMessage; self.next = next
            self.flash = flash
        }
    }
}
