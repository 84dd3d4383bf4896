import Foundation
import Testing
@testable import Domain

@Suite struct CanonicalContentTests {
    /// Whatever the validator writes reads back to the same fields, escapes included.
    @Test func roundTripsWhatTheValidatorWrites() throws {
        let fields = ["name": "大连“海韵”科技", "note": "a\\b\n\tc \"q\"", "amount": "12.50", "empty": ""]
        var text = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            JSONText.appendQuoted(key, to: &text)
            text += ":"
            JSONText.appendQuoted(fields[key] ?? "", to: &text)
        }
        text += "}"
        #expect(CanonicalContent.decode(text) == fields)
        #expect(CanonicalContent.decode("{}") == [:])
        #expect(CanonicalContent.decode(#"{"a": "b"}"#) == ["a": "b"], "other JSON falls back to the decoder")
        #expect(CanonicalContent.decode("not json") == [:])
    }
}
