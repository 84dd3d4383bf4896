import Testing
@testable import Domain

@Suite struct GradeScaleTests {
    let scale = GradeScale.standard

    @Test func defaultBandsBestFirst() {
        #expect(scale.grades == ["A+", "A", "B", "C", "C-", "D", "D-"])
        #expect(scale.rank(of: "A+") == 0)
        #expect(scale.rank(of: "D-") == 6)
    }

    @Test func atLeastIncludesTheMinimumItself() {
        #expect(scale.isAtLeast("A", "A"))
        #expect(scale.isAtLeast("A+", "A"))
        #expect(!scale.isAtLeast("B", "A"))
        #expect(scale.isAtLeast("C", "C-"))
        #expect(!scale.isAtLeast("C-", "C"))
    }

    @Test func unknownGradesNeverQualify() {
        #expect(!scale.isAtLeast("", "D-"))
        #expect(!scale.isAtLeast("AAA", "D-"))
        #expect(!scale.isAtLeast("A+", "E"))
    }

    @Test func configurableBands() {
        let city = GradeScale(["优秀", "良好", "中等", "较差"])
        #expect(city.isAtLeast("良好", "中等"))
        #expect(!city.isAtLeast("较差", "中等"))
        #expect(!city.isAtLeast("A", "较差"))
        #expect(city.isBetter("优秀", than: "良好"))
        #expect(!city.isBetter("良好", than: "良好"))
        #expect(city.grades(atLeast: "良好") == ["优秀", "良好"])
    }
}
