import Foundation

/// A file read in fixed-size chunks, so that a file of any size streams through in constant memory.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public let url: URL
    public let chunkSize: Int

    public init(url: URL, chunkSize: Int = 1 << 20) {
        self.url = url
        self.chunkSize = chunkSize
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let chunkSize: Int
        var failure: (any Error)?
        var path = ""

        public mutating func next() async throws -> [UInt8]? {
            if let failure { throw failure }
            guard let handle else { return nil }
            let read: Data?
            do { read = try handle.read(upToCount: chunkSize) } catch {
                throw DomainError.invalidFile(reason: "无法读取文件 \(path)（读取出错，请检查文件是否完好、是否有读取权限）")
            }
            guard let data = read, !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return [UInt8](data)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return AsyncIterator(handle: nil, chunkSize: chunkSize,
                                 failure: DomainError.invalidFile(reason: "“\(url.path)”是目录，请给出要导入的文件"))
        }
        do {
            return AsyncIterator(handle: try FileHandle(forReadingFrom: url), chunkSize: chunkSize, failure: nil, path: url.path)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "没有读取权限" : "文件不存在"
            return AsyncIterator(handle: nil, chunkSize: chunkSize, failure: DomainError.invalidFile(reason: "无法打开文件 \(url.path)：\(reason)"))
        }
    }

    /// The file's size in bytes, for progress bars.
    public var size: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}

/// Bytes already in memory (a web upload), read in the same chunks as a file.
public struct MemoryChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public let chunks: [[UInt8]]

    public init(chunks: [[UInt8]]) { self.chunks = chunks }

    public init(bytes: [UInt8], chunkSize: Int = 1 << 20) {
        chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { Array(bytes[$0..<Swift.min(bytes.count, $0 + chunkSize)]) }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<[UInt8]>
        public mutating func next() async throws -> [UInt8]? { rest.popFirst() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}
