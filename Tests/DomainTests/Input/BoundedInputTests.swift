import Domain
import Testing

@Suite struct BoundedInputTests {
    @Test func pagingParsesWhatClientsSend() throws {
        #expect(try Paging.parse(page: nil, perPage: nil) == Paging(page: 1, perPage: 20))
        #expect(try Paging.parse(page: "3", perPage: "50") == Paging(page: 3, perPage: 50))
        #expect(try Paging.parse(page: nil, perPage: nil, defaultPerPage: 50).perPage == 50)
        #expect(try Paging.parse(page: "3", perPage: nil).offset == 40)
    }

    /// The values that used to overflow an offset and stop the server are refused with the field named.
    @Test(arguments: ["9000000000000000000", "99999999999999999999999", "0", "-1", "abc", "1.5", "1000001", ""])
    func pagingRefusesOutOfRange(page: String) {
        #expect(throws: DomainError.self) { try Paging.parse(page: page, perPage: nil) }
        do { _ = try Paging.parse(page: page, perPage: nil) } catch {
            #expect(error.code == "invalid_input")
            #expect(error.message.contains("page"))
            #expect(error.message.contains("1 到 1000000"))
        }
    }

    @Test func perPageIsBoundedToo() {
        #expect(throws: DomainError.self) { try Paging.parse(page: "1", perPage: "201") }
        #expect(throws: DomainError.self) { try Paging.parse(page: "1", perPage: "9223372036854775807") }
        #expect(Paging(page: .max, perPage: .max).offset == (Paging.maxPage - 1) * Paging.maxPerPage)
        #expect(Paging(page: .min, perPage: .min) == Paging(page: 1, perPage: 1))
    }

    @Test func logSizesFitTheDatabase() throws {
        #expect(try BoundedInteger.logSize("0", field: "size") == 0)
        #expect(try BoundedInteger.logSize("9223372036854775807", field: "size") == UInt64(Int64.max))
        #expect(throws: DomainError.self) { try BoundedInteger.logSize("9223372036854775808", field: "size") }
        #expect(throws: DomainError.self) { try BoundedInteger.logSize("18446744073709551615", field: "size") }
        #expect(throws: DomainError.self) { try BoundedInteger.logSize("-1", field: "size") }
    }
}
