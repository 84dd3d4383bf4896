import Plot

/// A line chart of one series over time (a month per point), drawn as inline SVG on the server.
///
/// The vertical scale runs from the smaller of zero and the lowest value to the larger of zero and the highest, so
/// zero is always on the chart; a point without a value (an undefined ratio) breaks the line. The chart and every
/// point carry a `<title>` with the label and the formatted value.
public struct LineChart: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var label: String
        /// Nil when the value is undefined: no dot, and the line is broken.
        public var value: Int64?
        /// The value as shown (`12.35万元`, `48.67%`).
        public var text: String

        public init(label: String, value: Int64?, text: String) {
            self.label = label; self.value = value; self.text = text
        }
    }

    public var title: String
    public var points: [Point]
    public var id: String

    public init(title: String, points: [Point], id: String = "line-chart") {
        self.title = title; self.points = points; self.id = id
    }

    static let width: Double = 560
    static let height: Double = 220
    static let left: Double = 12
    static let right: Double = 12
    static let top: Double = 24
    static let bottom: Double = 32
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    /// The lowest and highest values of the scale (zero always included).
    var bounds: (low: Int64, high: Int64) {
        let values = points.compactMap(\.value)
        return (min(0, values.min() ?? 0), max(0, values.max() ?? 0))
    }

    /// The x of the point at `index`: spread over the width, a single point in the middle.
    func x(_ index: Int) -> Double {
        guard points.count > 1 else { return Self.left + Self.plotWidth / 2 }
        return Self.left + Self.plotWidth * Double(index) / Double(points.count - 1)
    }

    /// The y of `value`: the scale's high at the top of the plot, its low at the bottom.
    func y(_ value: Int64) -> Double {
        let (low, high) = bounds
        guard high > low else { return Self.top + Self.plotHeight }
        return Self.top + Self.plotHeight * Double(high - value) / Double(high - low)
    }

    /// The runs of consecutive points with values, as `x,y` lists for `<polyline>`.
    var segments: [[String]] {
        var result: [[String]] = [], current: [String] = []
        for (i, point) in points.enumerated() {
            guard let value = point.value else {
                if !current.isEmpty { result.append(current); current = [] }
                continue
            }
            current.append("\(Self.number(x(i))),\(Self.number(y(value)))")
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Every `step`-th label is written under the axis (all of them up to 6 points), the last one always.
    var labelStep: Int { max(1, (points.count + 5) / 6) }

    public func render() -> String { node().render() }

    func node<C: HTML.BodyContext>() -> Node<C> {
        let titleID = "\(id)-title"
        let defined = points.contains { $0.value != nil }
        let zeroY = y(0)
        return .element(named: "svg", nodes: [
            .attr("class", "line-chart"),
            .attr("xmlns", "http://www.w3.org/2000/svg"),
            .attr("viewBox", "0 0 \(Self.number(Self.width)) \(Self.number(Self.height))"),
            .attr("width", "100%"),
            .attr("role", "img"),
            .attr("aria-labelledby", titleID),
            .element(named: "title", nodes: [.attr("id", titleID), .text(title)]),
            .element(named: "line", nodes: [
                .attr("class", "line-axis"), .attr("x1", Self.number(Self.left)), .attr("x2", Self.number(Self.width - Self.right)),
                .attr("y1", Self.number(zeroY)), .attr("y2", Self.number(zeroY)),
            ]),
            .if(!defined, .element(named: "text", nodes: [
                .attr("class", "line-empty"), .attr("x", Self.number(Self.width / 2)), .attr("y", Self.number(Self.height / 2)),
                .attr("text-anchor", "middle"), .attr("dominant-baseline", "middle"), .text("暂无数据"),
            ])),
            .group(segments.map { segment in
                .element(named: "polyline", nodes: [.attr("class", "line"), .attr("points", segment.joined(separator: " "))])
            }),
            .group(points.enumerated().map { i, point in dot(point, index: i) }),
        ])
    }

    private func dot<C: HTML.BodyContext>(_ point: Point, index: Int) -> Node<C> {
        let x = x(index)
        let showLabel = index % labelStep == 0 || index == points.count - 1
        return .element(named: "g", nodes: [
            .attr("class", "line-point"),
            .element(named: "title", nodes: [.text("\(point.label)：\(point.text)")]),
            .unwrap(point.value) { value in
                .group(
                    .element(named: "circle", nodes: [
                        .attr("class", "line-dot"), .attr("cx", Self.number(x)), .attr("cy", Self.number(y(value))), .attr("r", "3.5"),
                        .attr("data-value", String(value)),
                    ]),
                    .if(index == points.count - 1, .element(named: "text", nodes: [
                        .attr("class", "line-value"), .attr("x", Self.number(x)), .attr("y", Self.number(y(value) - 8)),
                        .attr("text-anchor", "end"), .text(point.text),
                    ]))
                )
            },
            .if(showLabel, .element(named: "text", nodes: [
                .attr("class", "line-label"), .attr("x", Self.number(x)), .attr("y", Self.number(Self.height - 10)),
                .attr("text-anchor", points.count == 1 ? "middle" : (index == 0 ? "start" : (index == points.count - 1 ? "end" : "middle"))),
                .text(point.label),
            ])),
        ])
    }

    /// SVG numbers with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = abs(hundredths % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if fraction == 0 { return String(whole) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return "\(sign)\(whole).\(digits)"
    }
}
