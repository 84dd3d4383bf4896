import Testing
@testable import Views

@Suite("LineChart")
struct LineChartTests {
    private func chart(_ values: [Int64?]) -> LineChart {
        LineChart(title: "放款金额逐月走势", points: values.enumerated().map { i, v in
            LineChart.Point(label: "2026年\(i + 1)月", value: v, text: v.map { "\($0)元" } ?? "—")
        })
    }

    /// The `cy` of each dot.
    private func dotYs(_ svg: String) -> [Double] {
        HTMLInspect.tags(containing: "class=\"line-dot\"", in: svg).compactMap { HTMLInspect.attributeValues("cy", in: $0).first.flatMap(Double.init) }
    }

    @Test("the highest value is at the top of the plot, zero on the axis at the bottom, the rest in proportion")
    func scaling() {
        let c = chart([0, 50, 100])
        let ys = dotYs(c.render())
        #expect(ys == [LineChart.top + LineChart.plotHeight, LineChart.top + LineChart.plotHeight / 2, LineChart.top])
        #expect(c.x(0) == LineChart.left)
        #expect(c.x(2) == LineChart.width - LineChart.right)
    }

    @Test("negative values put zero inside the chart")
    func negatives() {
        let c = chart([-50, 50])
        #expect(c.bounds.low == -50 && c.bounds.high == 50)
        #expect(c.y(0) == LineChart.top + LineChart.plotHeight / 2)
        #expect(c.y(-50) == LineChart.top + LineChart.plotHeight)
    }

    @Test("an undefined value breaks the line and draws no dot, but keeps its tooltip")
    func gaps() {
        let svg = chart([10, nil, 20, 30]).render()
        #expect(HTMLInspect.count("<polyline", in: svg) == 2)
        #expect(dotYs(svg).count == 3)
        #expect(svg.contains("<title>2026年2月：—</title>"))
        #expect(svg.contains("<title>2026年4月：30元</title>"))
    }

    @Test("a single point sits in the middle; all-zero values lie on the axis")
    func singleAndFlat() {
        let one = chart([7])
        #expect(one.x(0) == LineChart.left + LineChart.plotWidth / 2)
        #expect(dotYs(chart([0, 0]).render()) == [LineChart.top + LineChart.plotHeight, LineChart.top + LineChart.plotHeight])
    }

    @Test("no values at all says so; labels are escaped")
    func emptyAndEscaped() {
        #expect(chart([]).render().contains("暂无数据"))
        #expect(chart([nil, nil]).render().contains("暂无数据"))
        #expect(!chart([1]).render().contains("暂无数据"))
        let svg = LineChart(title: "<t>", points: [.init(label: "<b>", value: 1, text: "1")]).render()
        #expect(!svg.contains("<b>") && !svg.contains("<t>"))
        #expect(svg.contains("&lt;b&gt;"))
    }

    @Test("at most about six month labels are written under the axis, always the last")
    func labelThinning() {
        let svg = chart((1...24).map { Int64($0) }).render()
        let labels = HTMLInspect.count("class=\"line-label\"", in: svg)
        #expect(labels >= 6 && labels <= 7)
        #expect(svg.contains(">2026年24月</text>"))
    }
}
