import Foundation

// Sample alignment by ECDH private set intersection (full-domain hash onto Curve25519, X25519 blinding).
//
// Host = credit center with secret a and ids X (only those its caller allows: consented and in the catalog's
// scope; the others are filtered out before anything is hashed). Guest = bank with secret b and ids Y.
//   1. host → guest   `PSIHostOffer`:  {a·H(x) : x ∈ X}, shuffled.
//   2. guest → host   `PSIGuestQuery`: [b·H(y) : y ∈ Y], shuffled (the guest keeps the permutation).
//   3. host → guest   `PSIHostReply`:  [a·(b·H(y))] in the query's order.
//   4. guest computes b·(a·H(x)) for the offer and matches: it learns X ∩ Y first.
//      guest → host  `PSIGuestResult`: the offer positions that matched, sorted, so the host learns X ∩ Y too
//      (it must, to feed those firms' features to training).
// Who learns what (semi-honest parties): both learn X ∩ Y and the size of the other's set, nothing about the
// other's ids outside the intersection (DDH on Curve25519 and its twist; fresh secrets per run, hashes
// separated by a run domain). Messages 1 and 2 can cross. Because the id space (USCCs) is public and enumerable, a guest that
// puts guessed ids into its query learns which guesses the host holds: the host caps the query size
// (`maxQuerySize`, agreed beforehand) and the run is logged; no PSI protocol can prevent that otherwise.
// The aligned order is the intersection sorted by id, the same on both sides.

public struct PSIHostOffer: Sendable, Codable, Equatable {
    public let domain: String
    public let blinded: BlindedSet
}

public struct PSIGuestQuery: Sendable, Codable, Equatable {
    public let blinded: BlindedSet
}

public struct PSIHostReply: Sendable, Codable, Equatable {
    public let doubleBlinded: BlindedSet
}

public struct PSIGuestResult: Sendable, Codable, Equatable {
    /// Positions in the host's offer whose element was matched, ascending.
    public let matchedOfferPositions: [Int]
}

/// The credit center's side of the PSI.
public struct PSIHost: Sendable {
    public let domain: String
    public let maxQuerySize: Int
    /// The ids that entered (allowed ones), in offer order.
    let offered: [String]
    let key = PSIBlindingKey()
    private var answered = false

    /// - Parameters:
    ///   - ids: the center's firm ids (e.g. USCCs).
    ///   - isAllowed: the caller's consent and catalog-scope filter; a rejected id is never hashed nor sent.
    ///   - domain: a fresh run identifier, agreed by both (e.g. the joint-model run id).
    public init(ids: [String], isAllowed: (String) -> Bool, domain: String, maxQuerySize: Int) {
        self.domain = domain
        self.maxQuerySize = maxQuerySize
        var random = SystemRandomNumberGenerator()  // the OS CSPRNG
        offered = Array(Set(ids.filter(isAllowed))).shuffled(using: &random)
    }

    /// Message 1.
    public func offer() throws -> PSIHostOffer {
        let key = self.key, domain = self.domain, offered = self.offered
        let blinded = try Parallel.map(offered.count) { i in
            Result { try key.blind(PSIBlindingKey.hash(offered[i], domain: domain)) }
        }.map { try $0.get() }
        return PSIHostOffer(domain: domain, blinded: BlindedSet(blinded))
    }

    /// Message 3: blinds the guest's values once more, in their order. Answers one query per run.
    public mutating func reply(to query: PSIGuestQuery) throws -> PSIHostReply {
        guard !answered else { throw JointModelError.unexpectedMessage(expected: "PSIGuestResult", got: "PSIGuestQuery") }
        guard query.blinded.count <= maxQuerySize else {
            throw JointModelError.invalidConfiguration("查询集合（\(query.blinded.count) 个）超过约定上限 \(maxQuerySize)")
        }
        answered = true
        let elements = try query.blinded.elements()
        let key = self.key
        let doubled = try Parallel.map(elements.count) { i in Result { try key.blind(elements[i]) } }.map { try $0.get() }
        return PSIHostReply(doubleBlinded: BlindedSet(doubled))
    }

    /// Message 4 received: the aligned ids, sorted.
    public func finish(_ result: PSIGuestResult) throws -> [String] {
        var seen = Set<Int>()
        for position in result.matchedOfferPositions {
            guard offered.indices.contains(position), seen.insert(position).inserted else {
                throw JointModelError.malformedMessage("匹配位置无效：\(position)")
            }
        }
        return result.matchedOfferPositions.map { offered[$0] }.sorted()
    }
}

/// The bank's side of the PSI.
public struct PSIGuest: Sendable {
    /// The guest's distinct ids, in query order (shuffled).
    let queried: [String]
    let key = PSIBlindingKey()

    public init(ids: [String]) {
        var random = SystemRandomNumberGenerator()  // the OS CSPRNG
        queried = Array(Set(ids)).shuffled(using: &random)
    }

    /// Message 2 (needs the domain from the offer or from the run's setup).
    public func query(domain: String) throws -> PSIGuestQuery {
        let key = self.key, queried = self.queried
        let blinded = try Parallel.map(queried.count) { i in
            Result { try key.blind(PSIBlindingKey.hash(queried[i], domain: domain)) }
        }.map { try $0.get() }
        return PSIGuestQuery(blinded: BlindedSet(blinded))
    }

    /// Matches the reply against the offer: the aligned ids (sorted) and message 4 for the host.
    public func finish(offer: PSIHostOffer, reply: PSIHostReply) throws -> (aligned: [String], result: PSIGuestResult) {
        let doubled = try reply.doubleBlinded.elements()
        guard doubled.count == queried.count else {
            throw JointModelError.dimensionMismatch(expected: queried.count, got: doubled.count)
        }
        let offered = try offer.blinded.elements()
        let key = self.key
        let offerDoubled = try Parallel.map(offered.count) { i in Result { try key.blind(offered[i]) } }.map { try $0.get() }
        var positionOf = [[UInt8]: Int](minimumCapacity: offerDoubled.count)
        for (position, value) in offerDoubled.enumerated() { positionOf[value] = position }
        var aligned: [String] = []
        var positions: [Int] = []
        for (i, value) in doubled.enumerated() {
            if let position = positionOf[value] {
                aligned.append(queried[i])
                positions.append(position)
            }
        }
        return (aligned.sorted(), PSIGuestResult(matchedOfferPositions: positions.sorted()))
    }
}
