import Foundation

/// A progress bar on a terminal (standard error), silent when output is not a terminal.
public final class ProgressBar: @unchecked Sendable {
    // Only touched from the single task that drives an import.
    private let total: Int64
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled = isatty(2) != 0

    public init(total: Int64, label: String) {
        self.total = total
        self.label = label
    }

    public func update(bytes: Int64, rows: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let fraction = total > 0 ? min(1, Double(bytes) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let line = String(format: "\r%@ [%@%@] %3.0f%%  %@ 行  %@ 行/秒", label,
                          String(repeating: "█", count: filled), String(repeating: "░", count: width - filled),
                          fraction * 100, Self.grouped(rows), Self.grouped(Int(Double(rows) / elapsed)))
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
