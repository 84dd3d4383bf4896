import App
import Foundation
import Testing
import TestSupport
import VaporTesting

/// The served OpenAPI document describes exactly the API routes the server has.
@Suite struct OpenAPITests {
    @Test func everyRouteIsDescribedAndEveryDescribedRouteExists() async throws {
        try await withTestApp(.sqlite) { app in
            let reply = try await send(app, .GET, "/openapi.json")
            let doc = try reply.json()
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var described = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { described.insert("\(method.uppercased()) \(path)") }
            }
            var served = Set<String>()
            for route in app.routes.all {
                let path = "/" + route.path.map { component -> String in
                    switch component {
                    case .parameter(let name): "{\(name)}"
                    default: component.description
                    }
                }.joined(separator: "/")
                guard path.hasPrefix("/api/") || ["/healthz", "/metrics", "/openapi.json"].contains(path) else { continue }
                served.insert("\(route.method.rawValue) \(path)")
            }
            #expect(served.subtracting(described).isEmpty, "routes missing from openapi.json: \(served.subtracting(described))")
            #expect(described.subtracting(served).isEmpty, "described but not served: \(described.subtracting(served))")
        }
    }
}
