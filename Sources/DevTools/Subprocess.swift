import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes started with `posix_spawn` and reaped with `waitpid`. (Foundation's `Process` can wait
/// forever for a child that has already exited when called from a test's async context.)
public struct Subprocess: Sendable {
    public let pid: pid_t

    public enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        case exit(String, Int32, String)
        public var description: String {
            switch self {
            case .spawn(let command, let code): "无法启动 \(command)：\(String(cString: strerror(code)))"
            case .exit(let command, let status, let output): "命令失败（退出码 \(status)）：\(command)\n\(output)"
            }
        }
    }

    /// Starts a program; its output (standard output and error) goes to `outputPath`.
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                             outputPath: String = "/dev/null") throws -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw Failure.spawn(executable, code) }
        return Subprocess(pid: pid)
    }

    /// Waits for the process to end and returns its exit status.
    @discardableResult
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Asks the process to stop (SIGTERM), kills it if it is still there after `grace` seconds, and reaps it.
    public func terminate(grace: Double = 3) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        wait()
    }

    /// Runs a program to completion and returns its output; a non-zero exit throws with the output.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-cmd-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try spawn(executable, arguments, outputPath: output.path).wait()
        // Decoded leniently: output cut mid-character (wrk's failure lines keep the first 160 bytes of a body) is
        // still read, with a replacement character, instead of reading as nothing.
        let text = (try? Data(contentsOf: output)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard status == 0 else { throw Failure.exit(([executable] + arguments).joined(separator: " "), status, text) }
        return text
    }
}
