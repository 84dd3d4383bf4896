import Domain
import Plot

/// The frame shared by the statistics pages: the page header, the area's sub-navigation and the figure helpers.
enum StatArea {
    /// The sub-navigation of the statistics area; `mayManage` false (the read-only departments) keeps the pages
    /// they may read.
    static func links(mayManage: Bool) -> [PortalPage.Link] {
        let all: [PortalPage.Link] = [
            .init("统计概览", href: "/console/stats"), .init("指标说明", href: "/console/stats/glossary"),
            .init("统计报表", href: "/console/stats/reports"), .init("考核评价", href: "/console/stats/evaluation"),
            .init("月度结账", href: "/console/stats/close"),
        ]
        return mayManage ? all : all.filter { ["/console/stats", "/console/stats/glossary", "/console/stats/evaluation"].contains($0.href) }
    }

    static func subnav(active: String, mayManage: Bool) -> BodyNode {
        .nav(.cls("subnav"), .attr("aria-label", "统计分析"), .ul(.forEach(links(mayManage: mayManage)) { link in
            .li(.a(.attr("href", link.href), .if(link.href == active, .cls("is-active")),
                   .if(link.href == active, .attribute(named: "aria-current", value: "page")), .text(link.label)))
        }))
    }

    /// A page of the area: the header, the sub-navigation (unless `active` is nil) and `content`.
    static func render(_ context: PageContext, title: String, subtitle: String? = nil, active: String?, mayManage: Bool = true,
                       actions: [PortalPage.Link] = [], bodyClass: String = "page-stats", _ content: [BodyNode]) -> String {
        var context = context
        context.title = title
        return Layout.render(title: title, context: context, bodyClass: bodyClass, content: .group(
            pageHeader(title, subtitle: subtitle, actions: .group(actions.map { link in
                .a(.cls("btn btn-secondary"), .attr("href", link.href), .text(link.label))
            })),
            .unwrap(active) { subnav(active: $0, mayManage: mayManage) },
            .group(content)
        ))
    }

    /// A standard block (table, form, notice …) of the portal pages.
    static func block(_ context: PageContext, _ block: PortalPage.Block) -> BodyNode {
        PortalPage.block(context.csrfToken, block)
    }

    /// A titled card around `body`.
    static func card(_ title: String, id: String? = nil, link: PortalPage.Link? = nil, flush: Bool = false, _ body: BodyNode) -> BodyNode {
        .section(.cls(flush ? "card card-flush" : "card"), .unwrap(id) { .id($0) },
                 .div(.cls("card-header"), .h2(.cls("card-title"), .text(title)),
                      .unwrap(link) { .a(.cls("card-link"), .attr("href", $0.href), .text($0.label)) }),
                 body)
    }

    /// A scrolling table whose cells are given as nodes; `numeric` marks the right-aligned, unbroken columns.
    static func table<C: HTML.BodyContext>(headers: [String], numeric: Set<Int> = [], rows: [[BodyNode]]) -> Node<C> {
        .div(.cls("table-wrap"), .table(
            .cls("table"),
            .thead(.tr(.group(headers.enumerated().map { i, h in
                .th(.attr("scope", "col"), .if(numeric.contains(i), .cls("num")), .text(h))
            }))),
            .tbody(.group(rows.map { row in
                .tr(.group(row.enumerated().map { i, cell in .td(.if(numeric.contains(i), .cls("num")), cell) }))
            }))
        ))
    }

    /// A figure that never wraps inside itself.
    static func figure(_ text: String) -> BodyNode { .span(.cls("figure"), .text(text)) }

    static func badge(_ status: ReportFilingStatus) -> BodyNode {
        Badge.node(status.label, tone: BadgeTone(rawValue: status.tone.rawValue) ?? .neutral)
    }

    /// The evaluation's period parameter: `2026-03` for a month, `2026-Q1` for a calendar quarter, else the
    /// months' range `2026-01..2026-05` (nil for a period that is not whole months).
    static func periodParameter(_ period: StatPeriod) -> String? {
        guard let months = period.wholeMonths else { return nil }
        let (first, last) = (months.lowerBound, months.upperBound)
        if first == last { return first.description }
        if first.year == last.year, first.month % 3 == 1, first.months(until: last) == 2 { return "\(first.year)-Q\(first.quarter)" }
        return "\(first)..\(last)"
    }

    /// `2026年3月`, `2026年第一季度`, or the period's own label.
    static func periodTitle(_ period: StatPeriod) -> String {
        if let p = periodParameter(period), p.contains("-Q"), let months = period.wholeMonths {
            let names = ["一", "二", "三", "四"]
            return "\(months.lowerBound.year)年第\(names[months.lowerBound.quarter - 1])季度"
        }
        return period.label
    }

    /// The first 12 hex digits of a digest.
    static func shortDigest(_ digest: String) -> String { String(digest.prefix(12)) }

    /// `金融机构` / `区县`.
    static func label(_ subject: PointsSubject) -> String { subject == .institution ? "金融机构" : "区县" }
}

/// An indicator's name with its definition on hover, linking to its glossary entry.
enum IndicatorLink {
    static func node(_ indicator: Indicator) -> BodyNode {
        .a(.cls("indicator-name"), .attr("href", "/console/stats/glossary#\(indicator.code)"), .attr("title", indicator.definition),
           .text(indicator.name))
    }
}
