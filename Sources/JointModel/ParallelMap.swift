import Dispatch
import Foundation

enum Parallel {
    /// `transform` applied to 0..<count on all cores, results in index order. The transform must be safe to call
    /// concurrently: a pure function of its index and of immutable shared state.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunks > 1 else { return (0..<count).map(transform) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slots, so sharing the pointer across threads is sound.
            let base = SharedPointer(pointer: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) { base.pointer[i] = transform(i) }
            }
        }
        return results.map { $0! }
    }
}

private struct SharedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
}
