#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text encodings that department files arrive in.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"
}

public enum TranscodingError: Error, Equatable, Sendable {
    case unsupported(String)
    case invalidBytes(offset: Int, encoding: TextEncoding)

    public var message: String {
        switch self {
        case .unsupported(let name): "系统不支持字符编码 \(name)"
        case .invalidBytes(let offset, let encoding): "文件第 \(offset) 字节处不是有效的 \(encoding.rawValue) 编码"
        }
    }
}

/// Converts a byte stream between an encoding and UTF-8 incrementally with iconv: a multi-byte sequence
/// split across two chunks is carried over to the next call.
public final class Transcoder {
    private let handle: iconv_t
    private var carry: [UInt8] = []
    private var consumed = 0
    private let source: TextEncoding

    /// A converter from `source` to UTF-8 (or from UTF-8 to `target` with `encoding: true`).
    public init(from source: TextEncoding, to target: TextEncoding = .utf8) throws(TranscodingError) {
        guard let h = iconv_open(target.rawValue, source.rawValue), h != iconv_t(bitPattern: -1) else {
            throw .unsupported(source.rawValue)
        }
        self.handle = h
        self.source = source
    }

    deinit { iconv_close(handle) }

    /// Converts a chunk; bytes of an incomplete trailing sequence are kept for the next call.
    public func convert(_ chunk: some Collection<UInt8>, isLast: Bool = false) throws(TranscodingError) -> [UInt8] {
        var input = carry
        input.append(contentsOf: chunk)
        carry.removeAll(keepingCapacity: true)
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        var failure: TranscodingError?
        let total = input.count
        let consumedBefore = consumed
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                while inLeft > 0 {
                    let result = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                    if result != -1 { break }
                    let code = errno
                    if code == EINVAL, !isLast { break }  // incomplete sequence at the end: carry it over
                    failure = .invalidBytes(offset: consumedBefore + (total - inLeft), encoding: source)
                    break
                }
            }
        }
        if let failure { throw failure }
        if inLeft > 0 { carry = Array(input[(input.count - inLeft)...]) }
        consumed += input.count - inLeft
        output.removeLast(outLeft)
        return output
    }

    /// Converts a whole buffer at once.
    public static func convert(_ bytes: [UInt8], from source: TextEncoding, to target: TextEncoding) throws(TranscodingError) -> [UInt8] {
        try Transcoder(from: source, to: target).convert(bytes, isLast: true)
    }
}

/// Guesses the encoding of a file from its first bytes: a UTF-8 byte-order mark or valid UTF-8 means
/// UTF-8; anything else is taken as GB18030, which many government systems still export.
public enum EncodingSniffer {
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func sniff(_ prefix: [UInt8]) -> (encoding: TextEncoding, bomLength: Int) {
        if prefix.starts(with: utf8BOM) { return (.utf8, 3) }
        return (isValidUTF8(prefix, allowTruncatedEnd: true) ? .utf8 : .gb18030, 0)
    }

    /// How many bytes at the end start a UTF-8 sequence that the buffer cuts off (0–3).
    public static func incompleteTailLength(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        guard n > 0 else { return 0 }
        for back in 1...min(3, n) {
            let b = bytes[n - back]
            if b & 0xC0 == 0x80 { continue }  // a continuation byte: look further back for the lead
            let length = b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 1
            return length > back ? back : 0
        }
        return 0
    }

    /// Validates UTF-8; a sequence cut off by the end of the buffer is allowed when `allowTruncatedEnd`.
    public static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { return false }
            if i + length > n { return allowTruncatedEnd }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
