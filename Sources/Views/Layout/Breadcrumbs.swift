/// The trail shown above a page: the role's home (its first navigation entry), the menu group of the active entry (as
/// plain text: a group has no page of its own), the active entry, and the page's own title when it is a page below
/// that entry (`概览 › 数据归集 › 企业 › 大连海湾科技有限公司`).
public enum Breadcrumbs {
    public struct Crumb: Sendable, Equatable {
        public var label: String
        public var href: String?
    }

    public static func trail(_ context: PageContext) -> [Crumb] {
        guard let home = context.navItems.first else { return [] }
        var trail = [Crumb(label: home.label, href: home.href)]
        var active: (group: NavItem?, item: NavItem)?
        for item in context.navItems {
            if item.children.isEmpty {
                if item.isActive { active = (nil, item) }
            } else if let child = item.children.first(where: \.isActive) {
                active = (item, child)
            }
        }
        // The home page itself (its entry is the active one) needs no trail.
        if active?.item.href == home.href { return trail }
        if let active {
            if let group = active.group { trail.append(Crumb(label: group.label, href: nil)) }
            trail.append(Crumb(label: active.item.label, href: active.item.href))
        }
        let title = context.title
        if !title.isEmpty, title != trail.last?.label, !(trail.count == 1 && title == home.label) {
            trail.append(Crumb(label: title, href: nil))
        }
        return trail
    }
}
