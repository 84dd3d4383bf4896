import Domain
import Fluent
import Foundation
import Logging
import Persistence
import Services
import Vapor

/// The `xyd` executable: `serve`, `demo`, `ingest`, `catalog`, `uscc`, `batches`, `generate`, `token`,
/// `migrate`, and the commands the executable adds (`bench`, from DevTools, which App does not link).
public enum Xyd {
    public static func main(extraCommands: [String: any AnyAsyncCommand] = [:]) async -> Int32 {
        // The bank's side of joint modelling runs on the bank's machine: no database, no server configuration.
        if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "party" {
            return await PartyCommand.main(Array(CommandLine.arguments.dropFirst(2)))
        }
        var config: AppConfig
        do { config = try AppConfig.load() } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            return 2
        }
        var arguments = CommandLine.arguments
        // `--verbose` anywhere: the debug log too (migrations, SQL), on standard error.
        if arguments.contains("--verbose") {
            arguments.removeAll { $0 == "--verbose" }
            config.logLevel = "debug"
        }
        var demo: DemoCommand.Options?
        if arguments.count > 1, arguments[1] == "demo" {
            demo = DemoCommand.Options(arguments: Array(arguments.dropFirst(2)))
            // The demo is served over plain HTTP on this machine: a Secure cookie would not come back.
            if ProcessInfo.processInfo.environment["XYD_SECURE_COOKIES"]?.nonEmpty == nil { config.secureCookies = false }
            if demo?.fresh == true {
                if !config.usesPostgres {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: config.sqlitePath.path + suffix) }
                }
                // A new log: the demo witness starts over too, or it would rightly call the new log a fork.
                try? FileManager.default.removeItem(at: config.dataDirectory.appendingPathComponent("demo-witness"))
            }
            arguments = [arguments[0], "serve", "--hostname", config.hostname, "--port", String(config.port)]
        }
        var env = Environment(name: ProcessInfo.processInfo.environment["XYD_ENV"] ?? "production", arguments: arguments)
        do {
            if config.logFormat == .json {
                let level = Logger.Level(rawValue: config.logLevel) ?? .info
                LoggingSystem.bootstrap { label in var h = JSONLogHandler(label: label); h.logLevel = level; return h }
            } else {
                try LoggingSystem.bootstrap(from: &env)
            }
            let app = try await Application.make(env)
            do {
                try await configure(app, config: config, runJobs: arguments.count > 1 && arguments[1] == "serve")
                registerCommands(app)
                for (name, command) in extraCommands { app.asyncCommands.use(command, as: name) }
                try await app.autoMigrate()
                if let demo {
                    try await DemoCommand.prepare(app, options: demo)
                    app.lifecycle.use(DemoWitness(state: config.dataDirectory.appendingPathComponent("demo-witness", isDirectory: true),
                                                  url: "http://\(config.hostname):\(config.port)",
                                                  interval: max(config.logCheckpointInterval / 2, 5)))
                }
            } catch {
                FileHandle.standardError.write(Data("错误：\(describe(error))\n".utf8))
                try? await app.asyncShutdown()
                return 1
            }
            do {
                try await app.execute()
            } catch {
                // Vapor has already written the command's error to the log.
                try? await app.asyncShutdown()
                return 1
            }
            try await app.asyncShutdown()
            return 0
        } catch {
            FileHandle.standardError.write(Data("错误：\(describe(error))\n".utf8))
            return 1
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? any AbortError { return error.reason }
        return String(describing: error)
    }

    public static func registerCommands(_ app: Application) {
        app.asyncCommands.use(IngestCommand(), as: "ingest")
        app.asyncCommands.use(CatalogCommand(), as: "catalog")
        app.asyncCommands.use(USCCCommand(), as: "uscc")
        app.asyncCommands.use(BatchesCommand(), as: "batches")
        app.asyncCommands.use(TokenCommand(), as: "token")
        app.asyncCommands.use(GenerateCommand(), as: "generate")
        app.asyncCommands.use(ModelCommand(), as: "model")
        app.asyncCommands.use(EvaluateCommand(), as: "evaluate")
        app.asyncCommands.use(LogCommand(), as: "log")
        app.asyncCommands.use(WitnessCommand(), as: "witness")
        app.asyncCommands.use(FundCommand(), as: "fund")
        app.asyncCommands.use(StatsCommand(), as: "stats")
    }
}
