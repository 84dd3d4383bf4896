import Domain
import Foundation

extension CityGenerator {
    /// Streams CSV rows (RFC 4180) to a file through a fixed-size buffer, optionally re-encoding each
    /// flushed chunk from UTF-8 to GB18030 with `Transcoder`.
    final class CSVWriter {
        enum LineEnding: Sendable { case lf, crlf }

        private let handle: FileHandle
        private let transcoder: Transcoder?
        private let newline: [UInt8]
        private var buffer: [UInt8] = []
        private let flushThreshold = 1 << 20
        private(set) var bytesWritten = 0
        let url: URL

        init(url: URL, encoding: TextEncoding, lineEnding: LineEnding, byteOrderMark: Bool = false) throws {
            self.url = url
            try Data().write(to: url)
            handle = try FileHandle(forWritingTo: url)
            transcoder = encoding == .utf8 ? nil : try Transcoder(from: .utf8, to: encoding)
            newline = lineEnding == .crlf ? [0x0D, 0x0A] : [0x0A]
            buffer.reserveCapacity(flushThreshold + 4096)
            if byteOrderMark { buffer.append(contentsOf: EncodingSniffer.utf8BOM) }
        }

        /// Appends one row.
        func write(_ fields: [String]) throws {
            for (index, field) in fields.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                CSVWriter.appendField(field, to: &buffer)
            }
            buffer.append(contentsOf: newline)
            if buffer.count >= flushThreshold { try flush(isLast: false) }
        }

        /// Writes out everything buffered and closes the file.
        func close() throws {
            try flush(isLast: true)
            try handle.close()
        }

        private func flush(isLast: Bool) throws {
            let bytes = try transcoder?.convert(buffer, isLast: isLast) ?? buffer
            if !bytes.isEmpty { try handle.write(contentsOf: bytes) }
            bytesWritten += bytes.count
            buffer.removeAll(keepingCapacity: true)
        }

        /// Appends a field, quoted when it holds a comma, a quote or a line break.
        static func appendField(_ field: String, to buffer: inout [UInt8]) {
            var needsQuotes = false
            for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                buffer.append(contentsOf: field.utf8)
                return
            }
            buffer.append(0x22)
            for byte in field.utf8 {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        }
    }
}
