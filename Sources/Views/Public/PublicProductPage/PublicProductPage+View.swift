import Domain
import Foundation

extension PublicProductPage {
    /// Where a firm applies for `id`: its own application form with the product chosen.
    public static func applyPath(_ id: String) -> String { "/firm/products?product=\(id)#apply" }

    public static func render(_ model: Model) -> String {
        let p = model.product
        let apply = applyPath(p.id)
        let actions: [PortalPage.Link] = switch model.viewer {
        case .firm: [.init("申请该产品", href: apply)]
        case .visitor: [.init("登录后申请", href: "/login?next=" + (apply.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
                        .init("注册企业账户", href: "/register")]
        case .other: []
        }
        var blocks = ProductBlocks.blocks(p, institutionName: model.institutionName, title: "产品要素", choices: model.choices)
        if model.viewer == .other { blocks.append(.notice("仅企业用户可在线申请。", tone: .info)) }
        return PortalPage.render(model.context, title: p.name, subtitle: "\(model.institutionName) · \(p.type.label)", actions: actions, blocks)
    }
}
