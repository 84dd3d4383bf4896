import Domain
import Foundation
import Scorecard
import Services
import Vapor

/// `xyd model train|score|cv`: the scorecard engine for banks' default-probability models.
struct ModelCommand: AsyncCommandGroup {
    var help: String { "评分卡模型：训练（train）、评分（score）、交叉验证（cv）" }
    var commands: [String: any AnyAsyncCommand] {
        ["train": ModelTrainCommand(), "score": ModelScoreCommand(), "cv": ModelCVCommand()]
    }
}

struct ModelTrainCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data", help: "训练数据 CSV（含目标列）") var data: String?
        @Option(name: "target", help: "目标列名（1 = 违约，0 = 正常）") var target: String?
        @Option(name: "out", help: "模型文件输出路径（JSON）") var out: String?
        @Flag(name: "from-loans", help: "用平台自己的贷款结果训练（次级及以下为违约）") var fromLoans: Bool
        @Option(name: "export", help: "与 --from-loans 一起：另存训练数据 CSV") var export: String?
        init() {}
    }

    var help: String { "从带目标列的 CSV，或平台自己的贷款结果（--from-loans），训练评分卡，保存为可读的模型文件" }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.fromLoans {
            guard let out = signature.out else {
                throw DomainError.invalidInput(field: "--out", reason: "用法：xyd model train --from-loans --out 模型.json")
            }
            let outcomes = try await LoanOutcomes.table(context.application.services)
            context.console.print("平台贷款 \(outcomes.loans) 笔，其中违约（次级及以下）\(outcomes.bads) 笔")
            guard outcomes.bads > 0, outcomes.bads < outcomes.loans else {
                throw DomainError.conflict("训练需要同时有正常和违约的贷款（现有 \(outcomes.loans) 笔，违约 \(outcomes.bads) 笔）")
            }
            if let export = signature.export { try outcomes.table.csvText().write(toFile: export, atomically: true, encoding: .utf8) }
            do {
                try ScorecardModel.train(table: outcomes.table, target: "bad").write(toFile: out)
            } catch {
                throw DomainError.invalidInput(field: "--from-loans", reason: error.message)
            }
            context.console.print("模型已保存：\(out)")
            return
        }
        guard let data = signature.data, let target = signature.target, let out = signature.out else {
            throw DomainError.invalidInput(field: "--data/--target/--out", reason: "用法：xyd model train --data 数据.csv --target bad --out 模型.json")
        }
        do {
            let model = try ScorecardModel.train(table: try ScorecardTable(contentsOfFile: data), target: target)
            try model.write(toFile: out)
            context.console.print("模型已保存：\(out)")
        } catch {
            throw DomainError.invalidInput(field: "--data", reason: error.message)
        }
    }
}

struct ModelScoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "model", help: "模型文件") var model: String?
        @Option(name: "data", help: "待评分 CSV") var data: String?
        init() {}
    }

    var help: String { "用模型为文件中的每一行评分，输出分数、违约概率和主要扣分原因（CSV）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let modelPath = signature.model, let data = signature.data else {
            throw DomainError.invalidInput(field: "--model/--data", reason: "用法：xyd model score --model 模型.json --data 申请.csv")
        }
        do {
            let model = try ScorecardModel(contentsOfFile: modelPath)
            let scores = try model.score(table: try ScorecardTable(contentsOfFile: data))
            var out = CSVWriting.line(["row", "score", "probability_of_bad", "reasons"])
            for (row, score) in scores.enumerated() {
                out += CSVWriting.line([String(row), String(format: "%.1f", score.score), String(format: "%.4f", score.probabilityOfBad),
                                        score.reasons.map { "\($0.variable)=\($0.binLabel)" }.joined(separator: "; ")])
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        } catch {
            throw DomainError.invalidInput(field: "--model/--data", reason: error.message)
        }
    }
}

struct ModelCVCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data", help: "数据 CSV") var data: String?
        @Option(name: "target", help: "目标列名") var target: String?
        @Option(name: "folds", help: "分折文件（row,fold）") var folds: String?
        init() {}
    }

    var help: String {
        "按给定分折做交叉验证：逐折打印 AUC、KS 与平均值，再列出每个变量在各折中的处理方式"
            + "（WOE 分箱及其趋势：单调递增、单调递减、先升后降、先降后升；或原始数值，必要时取对数；"
            + "由训练集内部验证逐变量选定，测试折不参与；“条件 WOE”为筛选落选、但在其他入模变量给定下显著的变量，"
            + "其各箱 WOE 相对模型已有的预测计算）；最后一行输出各折及平均 AUC、KS 的 JSON"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = signature.data, let target = signature.target, let folds = signature.folds else {
            throw DomainError.invalidInput(field: "--data/--target/--folds", reason: "用法：xyd model cv --data 数据.csv --target bad --folds 分折.csv")
        }
        do {
            let report = try CrossValidation.run(dataFile: data, target: target, foldsFile: folds)
            for line in report.summaryLines + report.treatmentLines { context.console.print(line) }
            context.console.print(report.jsonLine)
        } catch {
            throw DomainError.invalidInput(field: "--data/--folds", reason: error.message)
        }
    }
}
