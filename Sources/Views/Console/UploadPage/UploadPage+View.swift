import Plot

/// `GET /console/upload`: choose a dataset and a file; the POST redirects to the new batch.
public enum UploadPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-upload", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let hasSelection = model.datasets.contains { $0.id == model.selectedDatasetID }
        return .group(
            pageHeader("上传数据", subtitle: "按数据目录报送公共信用信息文件，系统将立即校验并生成批次"),
            .div(
                .cls("split"),
                .section(
                    .cls("card"),
                    .attr("aria-labelledby", "upload-title"),
                    .h2(.cls("card-title"), .id("upload-title"), .text("选择数据集和文件")),
                    .unwrap(model.errorMessage) { message in
                        .div(.cls("flash flash-error"), .attr("role", "alert"), .id("upload-error"), .text(message))
                    },
                    .if(
                        model.datasets.isEmpty,
                        emptyState("没有可上传的数据集", "当前账号尚未被授权报送任何数据集，请联系市信用中心。"),
                        else: form(model, hasSelection: hasSelection)
                    )
                ),
                help(model)
            )
        )
    }

    private static func form(_ model: Model, hasSelection: Bool) -> BodyNode {
        .form(
            .cls("form upload-form"),
            .id("upload-form"),
            .method(.post),
            .action("/console/upload"),
            .enctype(.multipartData),
            .attr("data-upload", "true"),
            Forms.csrfField(model.context.csrfToken),
            // Filled by the page script with a random key; the server reports its progress under it (before the file:
            // fields after a file are not read).
            .input(.type(.hidden), .name("progress"), .id("upload-progress-key"), .value("")),
            Forms.field(
                label: "数据集",
                for: "upload-dataset",
                control: .select(
                    .attr("name", "dataset"),
                    .attr("id", "upload-dataset"),
                    .flag("required"),
                    .element(named: "option", nodes: [
                        .attr("value", ""),
                        .flag("disabled"),
                        .flag("selected", !hasSelection),
                        .text("请选择数据集"),
                    ]),
                    .forEach(model.datasets) { dataset in
                        Forms.option(
                            value: dataset.id,
                            label: "\(dataset.id) · \(dataset.name)",
                            isSelected: dataset.id == model.selectedDatasetID
                        )
                    }
                )
            ),
            Forms.field(
                label: "数据文件",
                for: "upload-file",
                control: .input(
                    .type(.file),
                    .name("file"),
                    .id("upload-file"),
                    .attr("accept", ".csv,.jsonl,.txt"),
                    .flag("required")
                ),
                hint: "支持 .csv、.jsonl、.txt" + (model.maxFileSizeBytes.map { "，单个文件不超过 \(byteSize($0))" } ?? "")
            ),
            .p(.cls("file-info"), .id("upload-file-info"), .attr("aria-live", "polite"), .flag("hidden")),
            .div(
                .cls("upload-progress"),
                .id("upload-progress"),
                .flag("hidden"),
                .div(
                    .cls("progress"),
                    .attr("role", "progressbar"),
                    .attr("aria-label", "上传进度"),
                    .attr("aria-valuemin", "0"),
                    .attr("aria-valuemax", "100"),
                    .div(.cls("progress-bar"))
                ),
                .p(.cls("upload-status"), .attr("aria-live", "polite"), .text("正在上传并校验…"))
            ),
            .div(
                .cls("form-actions"),
                .button(.type(.submit), .cls("btn btn-primary"), .id("upload-submit"), .text("上传并校验"))
            )
        )
    }

    private static func help(_ model: Model) -> BodyNode {
        .aside(
            .cls("card help"),
            .attr("aria-labelledby", "upload-help-title"),
            .h2(.cls("card-title"), .id("upload-help-title"), .text("文件要求")),
            .ul(
                .cls("help-list"),
                .li(.text("CSV：首行为列名，编码为 UTF-8（含或不含 BOM）或 GB18030。")),
                .li(.text("JSON Lines：每行一个 JSON 对象，UTF-8 编码。")),
                .li(.text("列名用数据目录的字段名或中文列名；每条记录都要有记录编号（"), .code("record_id"), .text("）和统一社会信用代码（"), .code("uscc"),
                    .text("）。出现目录中没有的列时，整个文件将被拒收。")),
                .li(.text("日期写作 YYYY-MM-DD，月份写作 YYYY-MM；金额以元为单位，最多两位小数，不能为负数。")),
                .li(.text("同一记录编号再次提交：内容有变化的更新原记录，内容相同的计为重复。")),
                .li(.text("不合格的行进入拒收隔离区，可在批次详情中导出为 CSV，更正后重新上传。"))
            ),
            .p(.a(.href("/console/catalog"), .text("查看数据目录中的字段定义 →")))
        )
    }

    /// `10485760` → `10 MB`.
    static func byteSize(_ bytes: Int) -> String {
        let megabyte = 1024 * 1024
        if bytes >= megabyte {
            let tenths = (bytes * 10 + megabyte / 2) / megabyte
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
        }
        if bytes >= 1024 { return "\((bytes + 512) / 1024) KB" }
        return "\(bytes) 字节"
    }
}
