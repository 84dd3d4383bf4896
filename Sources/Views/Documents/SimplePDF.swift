import Foundation

/// A small PDF writer for text documents in Chinese (the signed loan contract).
///
/// Why our own: no PDF library is on the machine, and Chromium (which prints the bulletins) is not there on a fresh
/// demo machine, while a contract must be produced at the moment of signing, byte for byte the same each time for
/// the same contract, so that its SHA-256 can stand in the transparency log. Text uses the standard Adobe-GB1 CID
/// font STSong-Light with the UniGB-UCS2-H encoding: PDF readers supply a Song typeface, nothing is embedded.
public struct SimplePDF {
    public enum Style: Sendable { case title, heading, body, small }

    struct Line { var text: String; var size: Double; var x: Double; var gapBefore: Double }

    static let pageWidth = 595.0, pageHeight = 842.0, margin = 56.0
    private var lines: [Line] = []

    public init() {}

    static func size(_ style: Style) -> Double {
        switch style {
        case .title: 18
        case .heading: 13
        case .body: 10.5
        case .small: 9
        }
    }

    /// Appends text, wrapped to the page width; `centered` for the title.
    public mutating func add(_ text: String, _ style: Style = .body, centered: Bool = false, gapBefore: Double = 0) {
        let size = Self.size(style)
        let usable = Self.pageWidth - 2 * Self.margin
        var first = true
        for piece in Self.wrap(text, size: size, width: usable) {
            let x = centered ? (Self.pageWidth - Self.width(piece, size: size)) / 2 : Self.margin
            lines.append(Line(text: piece, size: size, x: x, gapBefore: first ? gapBefore : 0))
            first = false
        }
    }

    /// Width of `text` in points: full-width characters one em, ASCII half.
    static func width(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x80 ? 0.5 : 1) * size }
    }

    static func wrap(_ text: String, size: Double, width: Double) -> [String] {
        var result: [String] = [], current = "", used = 0.0
        for character in text {
            let w = character.unicodeScalars.allSatisfy { $0.value < 0x80 } ? 0.5 * size : size
            if used + w > width, !current.isEmpty { result.append(current); current = ""; used = 0 }
            current.append(character); used += w
        }
        result.append(current)
        return result
    }

    /// Text as a hex string of UCS-2 code units (characters beyond the BMP become "?").
    static func hex(_ text: String) -> String {
        var out = "<"
        for scalar in text.unicodeScalars {
            let unit = scalar.value <= 0xFFFF ? scalar.value : 0x3F
            out += String(format: "%04X", unit)
        }
        return out + ">"
    }

    /// The document's bytes, with the title and a fixed creation date (the signing time) in its information dictionary.
    public func render(title: String, created: Date) -> [UInt8] {
        // Lay out pages.
        var pages: [String] = []
        var stream = "", y = Self.pageHeight - Self.margin
        for line in lines {
            let advance = line.gapBefore + line.size * 1.6
            if y - advance < Self.margin {
                pages.append(stream); stream = ""; y = Self.pageHeight - Self.margin
            }
            y -= advance
            stream += String(format: "BT /F1 %.1f Tf %.2f %.2f Td ", line.size, line.x, y) + Self.hex(line.text) + " Tj ET\n"
        }
        pages.append(stream)
        for (index, _) in pages.enumerated() {
            let footer = "第 \(index + 1) 页 / 共 \(pages.count) 页"
            pages[index] += String(format: "BT /F1 8.0 Tf %.2f 30.00 Td ", (Self.pageWidth - Self.width(footer, size: 8)) / 2)
                + Self.hex(footer) + " Tj ET\n"
        }

        var objects: [String] = []
        let descendantID = 4, descriptorID = 5, infoID = 6
        let firstPage = 7
        let kids = (0..<pages.count).map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [\(descendantID) 0 R] >>")
        objects.append("""
            << /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) \
            /Supplement 2 >> /FontDescriptor \(descriptorID) 0 R /DW 1000 /W [1 95 500] >>
            """)
        objects.append("""
            << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 \
            /Descent -120 /CapHeight 880 /StemV 93 >>
            """)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: created)
        let stamp = String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        objects.append("<< /Title \(Self.hex(title)) /Producer (Xinyidai) /CreationDate (\(stamp)) >>")
        for (index, content) in pages.enumerated() {
            let contentID = firstPage + 2 * index + 1
            objects.append("""
                << /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(Self.pageWidth)) \(Int(Self.pageHeight))] \
                /Resources << /Font << /F1 3 0 R >> >> /Contents \(contentID) 0 R >>
                """)
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        }

        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info \(infoID) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }
}
