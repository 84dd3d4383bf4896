import Domain

/// Everything the shared layout needs about the signed-in user and the current page.
public struct PageContext: Sendable, Equatable {
    /// The page title (without the site name), e.g. `企业`.
    public var title: String
    /// The signed-in user's display name, e.g. `王敏`.
    public var userDisplayName: String
    /// The role label shown next to the name, e.g. `信用中心` or `部门：市场监管局`.
    public var roleLabel: String
    /// The session's CSRF token; every POST form carries it as `csrf`.
    public var csrfToken: String
    /// The navigation, in display order; the app decides which items a role sees.
    public var navItems: [NavItem]
    /// A one-off message shown above the page content.
    public var flash: FlashMessage?
    /// False for a visitor: the header offers 登录 instead of 退出登录.
    public var isSignedIn: Bool

    public init(title: String, userDisplayName: String, roleLabel: String, csrfToken: String, navItems: [NavItem],
                flash: FlashMessage? = nil, isSignedIn: Bool = true) {
        self.title = title; self.userDisplayName = userDisplayName; self.roleLabel = roleLabel
        self.csrfToken = csrfToken; self.navItems = navItems; self.flash = flash; self.isSignedIn = isSignedIn
    }
}

/// One entry of the main navigation.
public struct NavItem: Sendable, Equatable {
    public var label: String
    public var href: String
    public var isActive: Bool
    /// A group's entries (the header shows the group as a menu); empty for a plain link.
    public var children: [NavItem]

    public init(label: String, href: String, isActive: Bool = false, children: [NavItem] = []) {
        self.label = label; self.href = href; self.isActive = isActive; self.children = children
    }
}

/// A message shown once after a redirect (e.g. `已退出登录`).
public struct FlashMessage: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case success
        case error
    }

    public var kind: Kind
    public var text: String
    /// After a form was refused: what was entered and which fields were wrong, so the page shows the form
    /// as it was sent with each reason under its field.
    public var form: FormEcho?

    public init(kind: Kind, text: String, form: FormEcho? = nil) {
        self.kind = kind
        self.text = text
        self.form = form
    }
}

/// A refused form as the user sent it: the path it was posted to, the values entered (never passwords,
/// files or the CSRF token) and the problems found. The page's script puts the values back into the form
/// posted to `action` and each problem under the input it names (by the input's name or its label).
public struct FormEcho: Sendable, Equatable, Codable {
    public var action: String
    public var values: [String: [String]]
    public var problems: [FormProblem]

    public init(action: String, values: [String: [String]], problems: [FormProblem]) {
        self.action = action; self.values = values; self.problems = problems
    }
}
