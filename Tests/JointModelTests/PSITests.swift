import Foundation
import Testing
@testable import JointModel

@Suite("Private set intersection")
struct PSITests {
    /// Runs the four messages through JSON, as they would travel.
    static func run(hostIds: [String], allowed: Set<String>? = nil, guestIds: [String], maxQuery: Int = 10_000)
        throws -> (host: [String], guest: [String], offer: PSIHostOffer, query: PSIGuestQuery, reply: PSIHostReply)
    {
        func wire<T: Codable>(_ value: T) throws -> T { try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value)) }
        var host = PSIHost(ids: hostIds, isAllowed: { allowed?.contains($0) ?? true }, domain: "run-42", maxQuerySize: maxQuery)
        let guest = PSIGuest(ids: guestIds)
        let offer = try wire(host.offer())
        let query = try wire(guest.query(domain: offer.domain))
        let reply = try wire(host.reply(to: query))
        let (guestAligned, result) = try guest.finish(offer: offer, reply: reply)
        let hostAligned = try host.finish(try wire(result))
        return (hostAligned, guestAligned, offer, query, reply)
    }

    static func uscc(_ i: Int) -> String { String(format: "91210200MA%08d", i) }

    @Test("Both sides learn exactly the intersection, in the same sorted order")
    func exactIntersection() throws {
        let hostIds = (0..<300).map(Self.uscc)
        let guestIds = (200..<450).map(Self.uscc) + [Self.uscc(201)]  // a duplicate counts once
        let r = try Self.run(hostIds: hostIds, guestIds: guestIds)
        let expected = (200..<300).map(Self.uscc)
        #expect(r.host == expected)
        #expect(r.guest == expected)
    }

    @Test("Ids the center may not use never enter: not offered, not matched")
    func disallowedExcluded() throws {
        let hostIds = (0..<100).map(Self.uscc)
        let allowed = Set((0..<100).filter { $0 % 3 != 0 }.map(Self.uscc))
        let r = try Self.run(hostIds: hostIds, allowed: allowed, guestIds: (50..<150).map(Self.uscc))
        let expected = (50..<100).filter { $0 % 3 != 0 }.map(Self.uscc)
        #expect(r.host == expected && r.guest == expected)
        #expect(r.offer.blinded.count == allowed.count)
    }

    @Test("What travels: blinded values only, no id or plain hash; sizes are all either side sees of the other")
    func whatEachSideSees() throws {
        let hostIds = (0..<40).map(Self.uscc), guestIds = (30..<90).map(Self.uscc)
        let r = try Self.run(hostIds: hostIds, guestIds: guestIds)
        #expect(r.offer.blinded.count == 40 && r.query.blinded.count == 60 && r.reply.doubleBlinded.count == 60)
        let plainHashes = Set((0..<90).map { PSIBlindingKey.hash(Self.uscc($0), domain: "run-42") })
        let everything = try r.offer.blinded.elements() + r.query.blinded.elements() + r.reply.doubleBlinded.elements()
        #expect(everything.allSatisfy { !plainHashes.contains($0) })
        let wire = try String(decoding: JSONEncoder().encode(r.offer), as: UTF8.self)
            + String(decoding: JSONEncoder().encode(r.query), as: UTF8.self)
        #expect(!wire.contains("91210200MA"))
        // The same id blinded by the two parties gives different single-blinded values (secrets differ) …
        #expect(Set(try r.offer.blinded.elements()).isDisjoint(with: Set(try r.query.blinded.elements())))
        // … and a second run re-blinds everything: nothing links two runs.
        let again = try Self.run(hostIds: hostIds, guestIds: guestIds)
        #expect(Set(try again.offer.blinded.elements()).isDisjoint(with: Set(try r.offer.blinded.elements())))
    }

    @Test("X25519 blinding commutes")
    func commutes() throws {
        let a = PSIBlindingKey(), b = PSIBlindingKey()
        for id in ["x", "91210200MA00000001", "企业"] {
            let u = PSIBlindingKey.hash(id, domain: "d")
            #expect(try a.blind(b.blind(u)) == b.blind(a.blind(u)))
        }
    }

    @Test("A query larger than agreed is refused, and a second query is refused")
    func queryLimits() throws {
        #expect(throws: JointModelError.self) {
            _ = try Self.run(hostIds: (0..<10).map(Self.uscc), guestIds: (0..<20).map(Self.uscc), maxQuery: 19)
        }
        var host = PSIHost(ids: ["a"], isAllowed: { _ in true }, domain: "d", maxQuerySize: 10)
        let query = try PSIGuest(ids: ["a"]).query(domain: "d")
        _ = try host.reply(to: query)
        #expect(throws: JointModelError.self) { _ = try host.reply(to: query) }
    }
}
