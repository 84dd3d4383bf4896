import Domain
import Testing

/// How the operator's search box reads what people type (issue 16: "大连 轴承", "业利(大连)轴承").
@Suite struct SearchTokensTests {
    @Test func fullAndHalfWidthPunctuationAndSpacesSplitAlike() {
        #expect(SearchTokens.tokens("业利(大连)轴承") == ["业利", "大连", "轴承"])
        #expect(SearchTokens.tokens("业利（大连）轴承") == ["业利", "大连", "轴承"])
        #expect(SearchTokens.tokens("大连　轴承") == ["大连", "轴承"], "a full-width space separates too")
        #expect(SearchTokens.tokens(" 大连 轴承 大连 ") == ["大连", "轴承"], "repeated words count once")
        #expect(SearchTokens.tokens("ＡＢＣ科技") == ["ABC科技"], "full-width letters fold to half-width")
        #expect(SearchTokens.tokens("%_\\").isEmpty, "wildcards are not words")
    }

    @Test func onlyPlainLettersAndDigitsAreAUSCCPrefix() {
        #expect(SearchTokens.usccPrefix("9121 ") == "9121")
        #expect(SearchTokens.usccPrefix("91210202ma") == "91210202MA")
        #expect(SearchTokens.usccPrefix("9%") == nil)
        #expect(SearchTokens.usccPrefix("大连") == nil)
        #expect(SearchTokens.usccPrefix(String(repeating: "9", count: 19)) == nil, "longer than a USCC")
    }
}
