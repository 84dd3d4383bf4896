import Domain
import Foundation
import Persistence
import Services
import Vapor

/// `xyd uscc CODE`: whether a code is valid and why not; the check character of a 17-character body.
struct USCCCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "18位统一社会信用代码，或17位主体代码（计算校验位）")
        var code: String
        init() {}
    }

    var help: String { "校验统一社会信用代码，或为17位主体代码计算校验位" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let result = USCCTool.check(signature.code)
        if signature.code.trimmingSpaces().count == 17, result.valid {
            context.console.print("校验位：\(result.checkCharacter ?? "")  完整代码：\(result.code)")
        } else if result.valid {
            context.console.print("\(result.code) 有效（行政区划 \(result.district ?? "")）")
        } else {
            throw DomainError.invalidUSCC(result.code, reason: result.reason ?? "")
        }
    }
}

/// `xyd catalog`: datasets, fields and publicity levels; `--export` prints the catalog file for editing.
struct CatalogCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "export", help: "输出当前数据目录 JSON 文件（可编辑后通过 XYD_CATALOG 加载）")
        var export: Bool
        init() {}
    }

    var help: String { "列出数据目录：数据集、字段和公开级别" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let catalog = context.application.platform.catalog
        if signature.export {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.console.print(String(decoding: try encoder.encode(catalog), as: UTF8.self))
            return
        }
        context.console.print("\(catalog.name)（版本 \(catalog.version)，\(catalog.datasets.count) 个数据集）")
        for dataset in catalog.datasets {
            let category = catalog.category(dataset.category)?.name ?? dataset.category
            context.console.print("")
            context.console.print("\(dataset.id)  \(dataset.name)  [\(dataset.level.label)]  \(dataset.department) · \(category)")
            for field in dataset.fields {
                var notes: [String] = [field.type.rawValue]
                if field.required { notes.append("必填") }
                if let values = field.values { notes.append(values.joined(separator: "/")) }
                if field.personal != nil { notes.append("个人信息，脱敏") }
                context.console.print("    \(field.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(field.label)（\(notes.joined(separator: "，"))）")
            }
        }
    }
}

/// `xyd ingest --dataset ID FILE`: loads a department file as one batch, with a progress bar.
struct IngestCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "dataset", short: "d", help: "数据集编号，如 admin.penalty")
        var dataset: String?
        @Option(name: "department", help: "报送部门代码（默认以信用中心身份导入）")
        var department: String?
        @Option(name: "encoding", help: "文件编码 UTF-8 或 GB18030（默认自动识别）")
        var encoding: String?
        @Argument(name: "file", help: "CSV 或 JSON Lines 文件")
        var file: String
        init() {}
    }

    var help: String { "导入部门数据文件（CSV 或 JSON Lines），逐行校验，错误行进入隔离区" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let datasetID = signature.dataset else {
            throw DomainError.invalidInput(field: "--dataset", reason: "请指定数据集，如 --dataset admin.penalty（xyd catalog 可查看全部）")
        }
        let dataset = try app.platform.catalog.require(datasetID)
        var principal = Principal(name: "cli", displayName: "命令行", role: .creditCenter, department: nil)
        if let code = signature.department {
            guard let department = try await app.accounts.department(code: code) else {
                throw DomainError.notFound("部门代码 \(code)")
            }
            principal = Principal(name: "cli", displayName: department.name, role: .department, department: department)
            guard principal.maySubmit(dataset) else { throw DomainError.forbidden("部门“\(department.name)”无权报送 \(dataset.id)") }
        }
        let url = URL(fileURLWithPath: signature.file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw DomainError.notFound("文件 \(url.path)") }
        let encoding: TextEncoding? = try signature.encoding.map { name in
            guard let e = TextEncoding(rawValue: name.uppercased()) else {
                throw DomainError.invalidInput(field: "--encoding", reason: "应为 UTF-8 或 GB18030")
            }
            return e
        }
        let summary = try await CommandSupport.ingest(app: app, dataset: dataset, principal: principal, url: url, encoding: encoding)
        CommandSupport.printSummary(summary, console: context.console)
    }
}

/// `xyd batches list`, `xyd batches show ID`, `xyd batches export ID`.
struct BatchesCommand: AsyncCommandGroup {
    var help: String { "查看批次及其隔离区" }
    var commands: [String: any AnyAsyncCommand] {
        ["list": BatchListCommand(), "show": BatchShowCommand(export: false), "export": BatchShowCommand(export: true)]
    }
}

struct BatchListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "page", help: "页码")
        var page: Int?
        init() {}
    }

    var help: String { "列出批次（最新在前）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let page = try await context.application.batchStore.list(departmentID: nil, dataset: nil, paging: Paging(page: signature.page ?? 1))
        context.console.print("共 \(page.total) 个批次（第 \(page.page)/\(page.pageCount) 页）")
        for b in page.items {
            context.console.print("#\(b.id)  \(b.dataset)  \(b.fileName)  提交 \(b.submitted)  接收 \(b.accepted)  重复 \(b.duplicates)  拒收 \(b.rejected)")
        }
    }
}

struct BatchShowCommand: AsyncCommand {
    let export: Bool

    struct Signature: CommandSignature {
        @Argument(name: "id", help: "批次号")
        var id: Int64
        init() {}
    }

    var help: String { export ? "导出批次的拒收行为 CSV（修改后可重新报送）" : "显示批次统计和拒收明细" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = context.application.batchStore
        guard let batch = try await store.batch(signature.id) else { throw DomainError.notFound("批次 #\(signature.id)") }
        let rows = try await store.allQuarantine(batchID: batch.id)
        if export {
            FileHandle.standardOutput.write(Data(QuarantineExport.csv(batch: batch, rows: rows, catalog: context.application.platform.catalog).utf8))
            return
        }
        CommandSupport.printSummary(batch, console: context.console)
        for row in rows.prefix(100) {
            for p in row.problems {
                let field = context.application.platform.catalog.fieldLabel(dataset: batch.dataset, field: p.field)
                context.console.print("  第 \(row.rowNumber) 行  \(field)  \(p.reason)" + (p.value.isEmpty ? "" : "（值：\(p.value)）"))
            }
        }
        if rows.count > 100 { context.console.print("  ……共 \(rows.count) 行被拒收；xyd batches export \(batch.id) > 拒收.csv 可导出全部") }
    }
}

/// `xyd token create --name N [--department CODE]`: a new API token, shown once.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create | revoke")
        var action: String
        @Option(name: "name", help: "令牌名称")
        var name: String?
        @Option(name: "department", help: "部门代码；不填则为信用中心令牌")
        var department: String?
        init() {}
    }

    var help: String { "创建或吊销 API 访问令牌" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = context.application.accounts
        guard let name = signature.name else { throw DomainError.invalidInput(field: "--name", reason: "请给出令牌名称") }
        switch signature.action {
        case "create":
            var departmentID: Int64?
            if let code = signature.department {
                guard let d = try await accounts.department(code: code) else { throw DomainError.notFound("部门代码 \(code)") }
                departmentID = d.id
            }
            let token = try await accounts.createToken(name: name, role: departmentID == nil ? .creditCenter : .department,
                                                       departmentID: departmentID)
            context.console.print(token)
        case "revoke":
            guard try await accounts.revokeToken(name: name) else { throw DomainError.notFound("名为 \(name) 的有效令牌") }
            context.console.print("已吊销令牌 \(name)")
        default:
            throw DomainError.invalidInput(field: "action", reason: "应为 create 或 revoke")
        }
    }
}

enum CommandSupport {
    static func ingest(app: Application, dataset: DatasetSpec, principal: Principal, url: URL,
                       encoding: TextEncoding? = nil, quiet: Bool = false) async throws -> BatchSummary {
        let chunks = FileChunks(url: url)
        let bar = ProgressBar(total: chunks.size, label: quiet ? "" : url.lastPathComponent)
        let summary = try await Ingestion.load(
            app.services, dataset: dataset, principal: principal, source: .cli, fileName: url.lastPathComponent,
            format: FileFormat.fromFileName(url.lastPathComponent), encoding: encoding, chunks: chunks,
            progress: quiet ? nil : { @Sendable (p: IngestProgress) in bar.update(bytes: p.bytesRead, rows: p.rows) })
        bar.finish()
        return summary
    }

    static func printSummary(_ s: BatchSummary, console: any Console) {
        let rate = s.durationSeconds > 0 ? Int(Double(s.submitted) / s.durationSeconds) : s.submitted
        console.print("批次 #\(s.id)  \(s.dataset)  \(s.fileName)（\(s.format)，\(s.encoding)）")
        console.print("  提交 \(s.submitted) = 接收 \(s.accepted)（新增 \(s.inserted)，更新 \(s.updated)）+ 拒收 \(s.rejected) + 重复 \(s.duplicates)")
        if let previous = s.resendOf { console.print("  该文件与批次 #\(previous) 内容完全相同，未作任何更改") }
        console.print(String(format: "  用时 %.2f 秒，%@ 行/秒", s.durationSeconds, ProgressBar.grouped(rate)))
        if s.rejected > 0 { console.print("  拒收明细：xyd batches show \(s.id)；导出：xyd batches export \(s.id) > 拒收.csv") }
    }
}
