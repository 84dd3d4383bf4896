import Foundation
import Testing
@testable import Domain

@Suite struct USCCTests {
    @Test func domainExamples() throws {
        #expect(throws: Never.self) { try USCC("91350100M000100Y43") }
        #expect(throws: USCC.Problem.checkMismatch(expected: "3", found: "Z")) { try USCC("91350100M000100Y4Z") }
    }

    @Test func checkCharacterOfBody() throws {
        #expect(try USCC.checkCharacter(forBody: "91350100M000100Y4") == "3")
        #expect(try USCC.completing(body: "91350100M000100Y4").value == "91350100M000100Y43")
    }

    @Test func normalisesSpacesAndCase() throws {
        #expect(try USCC("  91350100m000100y43 ").value == "91350100M000100Y43")
    }

    @Test func namesEachProblem() {
        #expect(throws: USCC.Problem.wrongLength(17)) { try USCC("91350100M000100Y4") }
        #expect(throws: USCC.Problem.invalidCharacter(position: 9, character: "I")) { try USCC("91350100I000100Y43") }
        #expect(throws: USCC.Problem.districtNotDigits) { try USCC(USCC.completing(body: "9135A100M000100Y4").value) }
        #expect(USCC.Problem.checkMismatch(expected: "3", found: "Z").message.contains("校验位"))
    }

    /// Every generated code is valid, and changing any one character of it is caught.
    @Test func generatedCodesAndSingleCharacterErrors() throws {
        var state: UInt64 = 12345
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let alphabet = USCC.alphabet
        for _ in 0..<500 {
            var body = "91" + String(format: "%06d", 210000 + next() % 1000)
            for _ in 0..<9 { body.append(alphabet[next() % 31]) }
            let code = try USCC.completing(body: body).value
            #expect(throws: Never.self) { try USCC(code) }
            var characters = Array(code)
            let position = next() % 18
            let original = characters[position]
            var replacement = alphabet[next() % 31]
            if replacement == original { replacement = alphabet[(alphabet.firstIndex(of: original)! + 1) % 31] }
            characters[position] = replacement
            let altered = String(characters)
            if (2..<8).contains(position), !replacement.isNumber { continue }  // reported as a district error
            #expect(throws: USCC.Problem.self) { try USCC(altered) }
        }
    }
}
