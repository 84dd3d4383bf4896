import Plot
import Testing
@testable import Views

@Suite("Pagination")
struct PaginationTests {
    private let query = [
        QueryItem(name: "q", value: "海湾 科技&"),
        QueryItem(name: "district", value: "210203"),
        QueryItem(name: "industry", value: ""),
    ]

    @Test("links keep the query parameters, percent-encoded, and drop empty ones")
    func keepsQuery() {
        let pagination = Pagination(page: 3, pageSize: 20, totalCount: 200, path: "/console/enterprises", query: query)
        #expect(pagination.href(forPage: 4) == "/console/enterprises?q=%E6%B5%B7%E6%B9%BE%20%E7%A7%91%E6%8A%80%26&district=210203&page=4")

        let html = PaginationView.node(pagination).render()
        #expect(html.contains("href=\"/console/enterprises?q=%E6%B5%B7%E6%B9%BE%20%E7%A7%91%E6%8A%80%26&amp;district=210203&amp;page=2\" rel=\"prev\""))
        #expect(html.contains("href=\"/console/enterprises?q=%E6%B5%B7%E6%B9%BE%20%E7%A7%91%E6%8A%80%26&amp;district=210203&amp;page=4\" rel=\"next\""))
        #expect(html.contains("第 3 / 10 页"))
        #expect(html.contains("共 200 条"))
        #expect(!html.contains("industry="))
    }

    @Test("the first page has no previous link and the current page is not a link")
    func firstPage() {
        let pagination = Pagination(page: 1, pageSize: 20, totalCount: 45, path: "/console/batches", query: [QueryItem(name: "dataset", value: "tax.rating")])
        let html = PaginationView.node(pagination).render()
        #expect(!html.contains("rel=\"prev\""))
        #expect(html.contains("page-prev is-disabled"))
        #expect(html.contains("<span class=\"page-link is-current\" aria-current=\"page\">1</span>"))
        #expect(html.contains("href=\"/console/batches?dataset=tax.rating&amp;page=2\" rel=\"next\""))
        #expect(html.contains("第 1 / 3 页"))
        let hrefs = HTMLInspect.attributeValues("href", in: html)
        #expect(hrefs == [
            "/console/batches?dataset=tax.rating&amp;page=2",
            "/console/batches?dataset=tax.rating&amp;page=3",
            "/console/batches?dataset=tax.rating&amp;page=2",
        ])
    }

    @Test("the last page has no next link")
    func lastPage() {
        let pagination = Pagination(page: 3, pageSize: 20, totalCount: 45, path: "/console/batches", query: [])
        let html = PaginationView.node(pagination).render()
        #expect(!html.contains("rel=\"next\""))
        #expect(html.contains("page-next is-disabled"))
        #expect(html.contains("href=\"/console/batches?page=2\" rel=\"prev\""))
        #expect(html.contains("第 3 / 3 页"))
    }

    @Test("out-of-range pages are clamped and a single page shows no links")
    func clampingAndSinglePage() {
        let beyond = Pagination(page: 99, pageSize: 20, totalCount: 45, path: "/p")
        #expect(beyond.currentPage == 3)
        #expect(Pagination(page: -4, pageSize: 20, totalCount: 45, path: "/p").currentPage == 1)

        let empty = Pagination(page: 1, pageSize: 20, totalCount: 0, path: "/p")
        #expect(empty.pageCount == 1)
        let html = PaginationView.node(empty).render()
        #expect(html.contains("共 0 条 · 第 1 / 1 页"))
        #expect(!html.contains("<a "))
    }

    @Test("a long range shows first, last and a window around the current page")
    func window() {
        let pagination = Pagination(page: 10, pageSize: 10, totalCount: 500, path: "/p")
        #expect(pagination.visiblePages == [1, nil, 8, 9, 10, 11, 12, nil, 50])
        #expect(Pagination(page: 1, pageSize: 10, totalCount: 500, path: "/p").visiblePages == [1, 2, 3, nil, 50])
        // A gap of exactly one page shows that page instead of an ellipsis.
        #expect(Pagination(page: 5, pageSize: 10, totalCount: 500, path: "/p").visiblePages == [1, 2, 3, 4, 5, 6, 7, nil, 50])
    }

    @Test("a fragment is appended to page links and an existing page item is replaced")
    func fragment() {
        let pagination = Pagination(page: 1, pageSize: 50, totalCount: 120, path: "/console/batches/7",
                                    query: [QueryItem(name: "page", value: "9")], fragment: "quarantine")
        #expect(pagination.href(forPage: 2) == "/console/batches/7?page=2#quarantine")
    }
}
