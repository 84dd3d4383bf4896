import Domain
import Foundation
@testable import Views

/// Sample models shared by the tests.
enum Fixtures {
    static let token = "tok-3f9a_csrf"
    /// 2025-03-01 06:05:09 UTC = 14:05 in Beijing.
    static let date = Date(timeIntervalSince1970: 1_740_809_109)

    static func context(title: String = "企业", active: String = "/console/enterprises", flash: FlashMessage? = nil) -> PageContext {
        PageContext(
            title: title,
            userDisplayName: "王敏",
            roleLabel: "信用中心",
            csrfToken: token,
            navItems: Navigation.items(for: .creditCenter, active: active),
            flash: flash
        )
    }

    static func batch(id: String = "B20250301-0007", rejected: Int = 3, status: BatchStatus = .completedWithRejections) -> BatchRow {
        BatchRow(
            id: id,
            datasetID: "admin.penalty",
            datasetName: "行政处罚",
            department: "市场监管局",
            fileName: "penalty_2025Q1.csv",
            submittedCount: 100,
            acceptedCount: 90,
            updatedCount: 4,
            duplicateCount: 100 - 90 - rejected,
            rejectedCount: rejected,
            status: status,
            createdAt: date
        )
    }

    static func enterpriseRow(name: String = "大连海湾科技有限公司", uscc: String = "91350100M000100Y43") -> EnterpriseListPage.Row {
        EnterpriseListPage.Row(
            uscc: uscc,
            name: name,
            entityType: "企业",
            districtLabel: "中山区",
            industryLabel: "I 信息传输、软件和信息技术服务业",
            scale: "小型",
            status: "存续",
            recordCount: 1234
        )
    }

    static func enterpriseList(
        query: String = "",
        rows: [EnterpriseListPage.Row] = [enterpriseRow()],
        page: Int = 1,
        total: Int = 1
    ) -> EnterpriseListPage.Model {
        EnterpriseListPage.Model(
            context: context(),
            query: query,
            districtOptions: [
                SelectOption(value: "210202", label: "中山区"),
                SelectOption(value: "210203", label: "西岗区", isSelected: true),
            ],
            industryOptions: [SelectOption(value: "C", label: "制造业"), SelectOption(value: "I", label: "信息技术")],
            rows: rows,
            pagination: Pagination(
                page: page,
                pageSize: 20,
                totalCount: total,
                path: "/console/enterprises",
                query: [QueryItem(name: "q", value: query), QueryItem(name: "district", value: "210203"), QueryItem(name: "industry", value: "")]
            )
        )
    }

    static func registration(name: String = "大连海湾科技有限公司") -> EnterpriseProfilePage.Registration {
        EnterpriseProfilePage.Registration(
            name: name,
            uscc: "91350100M000100Y43",
            entityType: "企业",
            legalRepresentative: "张伟",
            legalRepresentativeID: "2102**********1234",
            registeredCapitalWan: "500",
            establishedOn: "2015-03-02",
            industryLabel: "信息传输、软件和信息技术服务业",
            districtLabel: "中山区",
            scale: "小型",
            status: "存续",
            address: "辽宁省大连市中山区人民路 1 号"
        )
    }

    static func record(
        dataset: String = "行政处罚",
        date: String = "2024-05-06",
        versions: Int = 1,
        tone: EnterpriseProfilePage.RecordTone = .neutral
    ) -> EnterpriseProfilePage.Record {
        EnterpriseProfilePage.Record(
            date: date,
            datasetID: "admin.penalty",
            datasetName: dataset,
            fields: [
                EnterpriseProfilePage.Field(label: "决定书文号", value: "大市监罚〔2024〕12号"),
                EnterpriseProfilePage.Field(label: "处罚金额", value: "5,000.00 元"),
            ],
            sourceDepartment: "市场监管局",
            collectedAt: Fixtures.date,
            versions: versions,
            tone: tone
        )
    }

    static func profile(
        registration: EnterpriseProfilePage.Registration? = registration(),
        groups: [EnterpriseProfilePage.RecordGroup]? = nil
    ) -> EnterpriseProfilePage.Model {
        EnterpriseProfilePage.Model(
            context: context(title: "信用画像"),
            uscc: "91350100M000100Y43",
            registration: registration,
            groups: groups ?? [
                EnterpriseProfilePage.RecordGroup(categoryName: "行政管理", records: [
                    record(date: "2024-05-06", versions: 3, tone: .negative),
                    record(date: "2023-01-09"),
                ]),
                EnterpriseProfilePage.RecordGroup(categoryName: "荣誉表彰", records: [
                    record(dataset: "荣誉奖项", date: "2022-12-01", tone: .positive),
                ]),
            ]
        )
    }

    static func batchDetail(rejected: Int = 3, page: Int = 1, total: Int = 3) -> BatchDetailPage.Model {
        BatchDetailPage.Model(
            context: context(title: "批次详情", active: "/console/batches"),
            batch: batch(rejected: rejected, status: rejected > 0 ? .completedWithRejections : .completed),
            format: "CSV",
            encoding: "GB18030",
            durationMilliseconds: 1250,
            uploadedBy: "李娜（市场监管局）",
            quarantine: rejected > 0 ? [
                BatchDetailPage.QuarantineRow(lineNumber: 7, field: "统一社会信用代码", reason: "统一社会信用代码校验位错误", rawValue: "91350100M000100Y4Z"),
                BatchDetailPage.QuarantineRow(lineNumber: 12, field: nil, reason: "列数与表头不一致", rawValue: "a,b,<c>"),
            ] : [],
            quarantinePagination: Pagination(
                page: page,
                pageSize: 50,
                totalCount: total,
                path: "/console/batches/B20250301-0007",
                fragment: "quarantine"
            )
        )
    }

    static func upload(error: String? = nil) -> UploadPage.Model {
        UploadPage.Model(
            context: context(title: "上传数据", active: "/console/upload"),
            datasets: [
                UploadPage.DatasetChoice(id: "market.registration", name: "企业登记信息"),
                UploadPage.DatasetChoice(id: "admin.penalty", name: "行政处罚"),
            ],
            selectedDatasetID: "admin.penalty",
            errorMessage: error,
            maxFileSizeBytes: 50 * 1024 * 1024
        )
    }

    static func catalog() -> CatalogPage.Model {
        CatalogPage.Model(
            context: context(title: "数据目录", active: "/console/catalog"),
            version: "1",
            datasets: [
                CatalogPage.Dataset(
                    id: "market.registration",
                    name: "企业登记信息",
                    department: "市场监管局",
                    publicity: .public,
                    category: "基础信息",
                    fields: [
                        CatalogPage.Field(name: "name", chineseName: "企业名称", type: "文本", isRequired: true),
                        CatalogPage.Field(name: "legal_rep_id", chineseName: "法定代表人证件号", type: "文本", isRequired: false, isPersonal: true),
                        CatalogPage.Field(name: "scale", chineseName: "企业规模", type: "枚举", isRequired: false, note: "微型 / 小型 / 中型 / 大型"),
                    ]
                ),
                CatalogPage.Dataset(
                    id: "tax.payment",
                    name: "纳税信息",
                    department: "税务局",
                    publicity: .authorised,
                    category: "纳税信息",
                    fields: [CatalogPage.Field(name: "period", chineseName: "所属期", type: "月份", isRequired: true)]
                ),
            ]
        )
    }

    static func dashboard(items: [DashboardPage.DatasetRecordCount]? = nil) -> DashboardPage.Model {
        DashboardPage.Model(
            context: context(title: "概览", active: "/console"),
            enterpriseCount: 800_000,
            recordCount: 9_000_000_000,
            batchCount: 42,
            quarantinedRowCount: 17,
            unlinkedRecordCount: 256,
            recordsByDataset: items ?? [
                DashboardPage.DatasetRecordCount(datasetID: "market.registration", datasetName: "企业登记信息", recordCount: 400),
                DashboardPage.DatasetRecordCount(datasetID: "tax.payment", datasetName: "纳税信息", recordCount: 100),
            ],
            latestBatches: [batch()]
        )
    }
}

/// Small HTML inspection helpers for assertions.
enum HTMLInspect {
    /// The source of every `<form …>…</form>` (forms do not nest).
    static func forms(in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<form"), let end = rest[start.upperBound...].range(of: "</form>") {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// Every value of `name="…"` attributes (`attribute`) in the document, in order.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        let marker = " \(attribute)=\""
        while let start = rest.range(of: marker) {
            let afterStart = rest[start.upperBound...]
            guard let end = afterStart.firstIndex(of: "\"") else { break }
            result.append(String(afterStart[..<end]))
            rest = afterStart[end...]
        }
        return result
    }

    /// The opening tags containing `fragment`.
    static func tags(containing fragment: String, in html: String) -> [String] {
        html.components(separatedBy: "<").dropFirst().compactMap { piece in
            guard let close = piece.firstIndex(of: ">") else { return nil }
            let tag = "<" + piece[..<close] + ">"
            return tag.contains(fragment) ? tag : nil
        }
    }

    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }
}
