import Testing
@testable import Views

@Suite("BarChart")
struct BarChartTests {
    private let chart = BarChart(
        title: "各数据集记录数",
        items: [
            BarChart.Item(label: "企业登记信息", value: 400, detail: "market.registration"),
            BarChart.Item(label: "纳税信息", value: 100),
            BarChart.Item(label: "行政处罚", value: 200),
            BarChart.Item(label: "空数据集", value: 0),
        ]
    )

    /// The `width` of each `<rect class="bar" …>`.
    private func barWidths(_ svg: String) -> [Double] {
        HTMLInspect.tags(containing: "class=\"bar\"", in: svg).compactMap { tag in
            HTMLInspect.attributeValues("width", in: tag).first.flatMap(Double.init)
        }
    }

    @Test("one bar per item with widths proportional to the values")
    func proportionalBars() {
        let svg = chart.render()
        let widths = barWidths(svg)
        #expect(widths.count == 4)
        #expect(HTMLInspect.count("<g class=\"bar-row\">", in: svg) == 4)
        guard widths.count == 4 else { return }
        #expect(widths[0] == BarChart.barAreaWidth)
        #expect(abs(widths[1] - widths[0] / 4) < 0.01)
        #expect(abs(widths[2] - widths[0] / 2) < 0.01)
        #expect(widths[3] == 0)
    }

    @Test("the chart is accessible: role img, a title, and a title per bar with label and value")
    func accessible() {
        let svg = chart.render()
        #expect(svg.hasPrefix("<svg class=\"bar-chart\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"bar-chart-title\""))
        #expect(svg.contains("<title id=\"bar-chart-title\">各数据集记录数</title>"))
        #expect(svg.contains("<title>企业登记信息：400 条（market.registration）</title>"))
        #expect(svg.contains("<title>纳税信息：100 条</title>"))
        #expect(svg.contains(">企业登记信息</text>"))
        #expect(svg.contains(">400</text>"))
    }

    @Test("labels are escaped and long labels are shortened with the full text in the title")
    func labels() {
        let long = BarChart(title: "t", items: [BarChart.Item(label: "<b>一二三四五六七八九十十一</b>", value: 5)])
        let svg = long.render()
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("<title>&lt;b&gt;一二三四五六七八九十十一&lt;/b&gt;：5 条</title>"))
        #expect(svg.contains(">&lt;b&gt;一二三四五六…</text>"))
    }

    @Test("an empty chart says so and all-zero values draw no bars")
    func emptyAndZero() {
        #expect(BarChart(title: "t", items: []).render().contains("暂无数据"))
        let zeros = BarChart(title: "t", items: [BarChart.Item(label: "a", value: 0), BarChart.Item(label: "b", value: 0)])
        #expect(barWidths(zeros.render()) == [0, 0])
    }
}
