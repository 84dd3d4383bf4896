import Plot

/// A horizontal bar chart drawn as inline SVG on the server.
///
/// Each item is one row: the label on the left, a bar whose width is proportional to the
/// value (the largest value spans the full bar area), and the value on the right. The chart
/// and every bar carry a `<title>` so screen readers and hover tooltips get the numbers.
public struct BarChart: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var label: String
        public var value: Int
        /// Extra text for the tooltip, e.g. the dataset id.
        public var detail: String?
        /// The value as shown beside the bar and in the tooltip instead of the count with `unit` (`12.35万元`).
        public var text: String?

        public init(label: String, value: Int, detail: String? = nil, text: String? = nil) {
            self.label = label; self.value = value; self.detail = detail; self.text = text
        }
    }

    /// The accessible title of the whole chart.
    public var title: String
    public var items: [Item]
    /// The unit after values in tooltips, e.g. `条`.
    public var unit: String
    /// A document-unique id prefix for the chart's `<title>`.
    public var id: String

    public init(title: String, items: [Item], unit: String = "条", id: String = "bar-chart") {
        self.title = title; self.items = items; self.unit = unit; self.id = id
    }

    // Geometry in SVG user units; the SVG scales to its container's width.
    static let width: Double = 560
    static let labelWidth: Double = 150
    static let valueWidth: Double = 84
    static let rowHeight: Double = 30
    static let barHeight: Double = 18
    static let padding: Double = 6
    static var barAreaWidth: Double { width - labelWidth - valueWidth - 2 * padding }

    /// The bar width for `value`, proportional to the largest value.
    func barWidth(for value: Int) -> Double {
        let maximum = items.map(\.value).max() ?? 0
        guard maximum > 0, value > 0 else { return 0 }
        return Self.barAreaWidth * Double(value) / Double(maximum)
    }

    /// The chart as an inline `<svg>` element.
    public func render() -> String {
        node().render()
    }

    func node<C: HTML.BodyContext>() -> Node<C> {
        let height = max(1, Double(items.count)) * Self.rowHeight + 2 * Self.padding
        let titleID = "\(id)-title"
        return .element(named: "svg", nodes: [
            .attr("class", "bar-chart"),
            .attr("xmlns", "http://www.w3.org/2000/svg"),
            .attr("viewBox", "0 0 \(number(Self.width)) \(number(height))"),
            .attr("width", "100%"),
            .attr("role", "img"),
            .attr("aria-labelledby", titleID),
            .element(named: "title", nodes: [.attr("id", titleID), .text(title)]),
            .if(items.isEmpty, .element(named: "text", nodes: [
                .attr("class", "bar-empty"),
                .attr("x", number(Self.width / 2)),
                .attr("y", number(height / 2)),
                .attr("text-anchor", "middle"),
                .attr("dominant-baseline", "middle"),
                .text("暂无数据"),
            ])),
            .group(items.enumerated().map { index, item in row(item, index: index) }),
        ])
    }

    private func row<C: HTML.BodyContext>(_ item: Item, index: Int) -> Node<C> {
        let top = Self.padding + Double(index) * Self.rowHeight
        let barY = top + (Self.rowHeight - Self.barHeight) / 2
        let middle = top + Self.rowHeight / 2
        let barX = Self.padding + Self.labelWidth
        let barWidth = barWidth(for: item.value)
        var tooltip = "\(item.label)：\(item.text ?? "\(Format.count(item.value)) \(unit)")"
        if let detail = item.detail, !detail.isEmpty {
            tooltip += "（\(detail)）"
        }
        return .element(named: "g", nodes: [
            .attr("class", "bar-row"),
            .element(named: "title", nodes: [.text(tooltip)]),
            .element(named: "text", nodes: [
                .attr("class", "bar-label"),
                .attr("x", number(barX - 8)),
                .attr("y", number(middle)),
                .attr("text-anchor", "end"),
                .attr("dominant-baseline", "middle"),
                .text(Self.truncated(item.label, limit: 10)),
            ]),
            .element(named: "rect", nodes: [
                .attr("class", "bar-track"),
                .attr("x", number(barX)),
                .attr("y", number(barY)),
                .attr("width", number(Self.barAreaWidth)),
                .attr("height", number(Self.barHeight)),
                .attr("rx", "3"),
            ]),
            .element(named: "rect", nodes: [
                .attr("class", "bar"),
                .attr("x", number(barX)),
                .attr("y", number(barY)),
                .attr("width", number(barWidth)),
                .attr("height", number(Self.barHeight)),
                .attr("rx", "3"),
                .attr("data-value", String(item.value)),
            ]),
            .element(named: "text", nodes: [
                .attr("class", "bar-value"),
                .attr("x", number(barX + Self.barAreaWidth + 8)),
                .attr("y", number(middle)),
                .attr("dominant-baseline", "middle"),
                .text(item.text ?? Format.compact(item.value)),
            ]),
        ])
    }

    /// Shortens a label to `limit` characters with an ellipsis (the tooltip keeps the full text).
    static func truncated(_ label: String, limit: Int) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// SVG numbers with at most two decimals and no trailing zeros.
    private func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return "\(whole).\(digits)"
    }
}
