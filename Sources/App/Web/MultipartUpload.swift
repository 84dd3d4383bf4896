import Domain
import MultipartKit
import NIOCore
import Vapor

/// A `multipart/form-data` upload read as it arrives: the short fields before the file (the CSRF token, the
/// dataset) are collected, each capped, and the file's bytes are then handed to the ingestor chunk by chunk
/// as the body is pulled, so an upload of any size holds about one network chunk in memory and nothing is
/// read before the handler has checked who is sending. Fields after the file are ignored.
///
/// `@unchecked Sendable`: the state is touched by one task at a time — the handler while it reads the fields,
/// then the ingestor's reading task while it pulls the file — never concurrently.
final class MultipartUpload: @unchecked Sendable {
    /// The longest field value accepted before the file (a CSRF token, a dataset id).
    static let maxFieldBytes = 4096

    private let parser: MultipartParser
    private var body: Request.Body.AsyncIterator
    private var headers: [String: String] = [:]
    private var value: [UInt8] = []
    private var pending: [[UInt8]] = []
    private var problem: DomainError?
    private(set) var fields: [String: String] = [:]
    private(set) var fileName: String?
    /// The file part's declared Content-Type.
    private(set) var fileContentType: String?
    private var fileStarted = false
    private var fileEnded = false
    private var bodyEnded = false

    init(request: Request) throws {
        guard let boundary = request.headers.contentType?.parameters["boundary"], !boundary.isEmpty else {
            throw DomainError.invalidInput(field: "Content-Type", reason: "应为带 boundary 的 multipart/form-data 表单")
        }
        parser = MultipartParser(boundary: boundary)
        body = request.body.makeAsyncIterator()
        parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
        parser.onBody = { [unowned self] buffer in received(&buffer) }
        parser.onPartComplete = { [unowned self] in partComplete() }
    }

    /// Reads until the file part begins (or the body ends); the fields before it are then in `fields`.
    func readFields() async throws {
        while !fileStarted, !fileEnded, try await pull() {}
    }

    /// The file's bytes, pulled from the body as the ingestor asks for them.
    var file: FileBytes { FileBytes(upload: self) }

    struct FileBytes: AsyncSequence, Sendable {
        typealias Element = [UInt8]
        let upload: MultipartUpload
        struct AsyncIterator: AsyncIteratorProtocol {
            let upload: MultipartUpload
            mutating func next() async throws -> [UInt8]? { try await upload.nextFileChunk() }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(upload: upload) }
    }

    private func nextFileChunk() async throws -> [UInt8]? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if fileEnded { return nil }
            guard try await pull() else { return nil }
        }
    }

    /// Feeds the next network chunk to the parser; false at the end of the body.
    private func pull() async throws -> Bool {
        guard !bodyEnded, let buffer = try await body.next() else {
            bodyEnded = true
            return false
        }
        do { try parser.execute(buffer) } catch {
            throw DomainError.invalidInput(field: "file", reason: "上传的表单格式有误，请重新选择文件上传")
        }
        if let problem { throw problem }
        return true
    }

    private var isFilePart: Bool {
        Self.parameter("filename", in: headers["content-disposition"] ?? "") != nil
    }

    private func received(_ buffer: inout ByteBuffer) {
        if isFilePart {
            guard !fileEnded else { return }
            if !fileStarted { start() }
            if let bytes = buffer.readBytes(length: buffer.readableBytes), !bytes.isEmpty { pending.append(bytes) }
        } else if !fileStarted {
            value.append(contentsOf: buffer.readableBytesView)
            if value.count > Self.maxFieldBytes, problem == nil {
                problem = .invalidInput(field: Self.parameter("name", in: headers["content-disposition"] ?? "") ?? "表单字段",
                                        reason: "超过 \(Self.maxFieldBytes) 字节")
            }
        }
    }

    private func start() {
        fileStarted = true
        fileName = Self.parameter("filename", in: headers["content-disposition"] ?? "")
        fileContentType = headers["content-type"]
    }

    private func partComplete() {
        if isFilePart {
            if !fileStarted { start() }
            fileEnded = true
        } else if !fileStarted, let name = Self.parameter("name", in: headers["content-disposition"] ?? "") {
            fields[name] = String(decoding: value, as: UTF8.self)
        }
        headers = [:]
        value = []
    }

    /// A parameter of a Content-Disposition value, e.g. `filename` in `form-data; name="file"; filename="a.csv"`.
    static func parameter(_ key: String, in disposition: String) -> String? {
        for part in disposition.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
