@testable import DevTools
import Testing

/// `xyd bench api` reads its figures from wrk's report.
@Suite struct WrkLoadTests {
    @Test func readsRequestsDurationPercentilesAndFailures() throws {
        let output = """
            Running 10s test @ http://127.0.0.1:8080/api/v1/applications
            xyd-failure 409 {"error":"conflict","message":"该企业已有该产品的在办申请"}
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    27.10ms    8.20ms 120.00ms   80.00%
                Req/Sec     1.18k   100.00     1.40k    70.00%
              Latency Distribution
                 50%   27.05ms
                 75%   31.00ms
                 90%   36.00ms
                 99%   42.04ms
              23578 requests in 10.02s, 30.1MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 5
            Requests/sec:   2353.09
            Transfer/sec:      3.00MB
            """
        let figures = try WrkLoad.parse(output)
        #expect(figures.requests == 23578)
        #expect(abs(figures.seconds - 10.02) < 1e-9)
        #expect(abs(figures.p50 - 0.02705) < 1e-9)
        #expect(abs(figures.p99 - 0.04204) < 1e-9)
        #expect(abs(figures.mean - 0.0271) < 1e-9)
        #expect(figures.errors == 8)
        #expect(figures.failures == [#"409 {"error":"conflict","message":"该企业已有该产品的在办申请"}"#])
        #expect(abs(try WrkLoad.duration("812.00us") - 0.000812) < 1e-12)
        #expect(try WrkLoad.duration("1.50s") == 1.5)
        #expect(throws: (any Error).self) { try WrkLoad.parse("wrk: connection refused") }
    }
}
