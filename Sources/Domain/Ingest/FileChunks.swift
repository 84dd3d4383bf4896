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

        public mutating func next() async throws -> [UInt8]? {
            if let failure { throw failure }
            guard let handle else { return nil }
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return [UInt8](data)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        do {
            return AsyncIterator(handle: try FileHandle(forReadingFrom: url), chunkSize: chunkSize, failure: nil)
        } catch {
            return AsyncIterator(handle: nil, chunkSize: chunkSize, failure: DomainError.invalidFile(reason: "无法打开文件 \(url.path)"))
        }
    }

    /// The file's size in bytes, for progress bars.
    public var size: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}
