import Foundation
import Testing

@testable import CreditLog

/// The RFC 6962 vectors in shared/data/merkle/vectors.json.
struct MerkleVectors: Decodable {
    struct Hasher: Decodable {
        let leaf_input_ascii: String
        let leaf_hash: String
        let children_ascii: [String]
        let node_hash: String
    }

    struct Inclusion: Decodable {
        let leaf_index: UInt64
        let tree_size: UInt64
        let leaf_hash: String
        let root: String
        let proof: [String]
    }

    struct Consistency: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String
        let root2: String
        let proof: [String]
    }

    let hasher: Hasher
    let leaves_hex: [String]
    let roots: [String: String]
    let inclusion: [Inclusion]
    let consistency: [Consistency]

    /// The file lives in the shared data folder beside the repository: `<repo>/../shared/data/merkle`.
    /// The repository root is three levels above this file (Tests/CreditLogTests/…); if the
    /// checkout sits elsewhere, the nearest ancestor holding `shared/data/merkle` is used.
    static func url(filePath: String = #filePath) -> URL? {
        let manager = FileManager.default
        let here = URL(fileURLWithPath: filePath)
        let repository = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let primary = repository.deletingLastPathComponent().appendingPathComponent("shared/data/merkle/vectors.json")
        if manager.fileExists(atPath: primary.path) { return primary }
        var directory = here.deletingLastPathComponent()
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent("shared/data/merkle/vectors.json")
            if manager.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func load() throws -> MerkleVectors {
        let location = try #require(MerkleVectors.url(), "shared/data/merkle/vectors.json not found beside the repository")
        return try JSONDecoder().decode(MerkleVectors.self, from: Data(contentsOf: location))
    }

    /// The eight leaves as bytes.
    func leaves() throws -> [[UInt8]] {
        try leaves_hex.map { hex throws -> [UInt8] in try #require(TransparencyLogHex.decode(hex)) }
    }

    func root(size: Int) throws -> MerkleHash {
        try vectorHash(try #require(roots[String(size)]))
    }
}

/// Parses a hexadecimal hash in a test, failing the test on bad input.
func vectorHash(_ hex: String) throws -> MerkleHash {
    try #require(MerkleHash(hex: hex), "bad hash \(hex)")
}

/// A deterministic generator so random spots are the same on every run.
struct MerkleTestRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Leaf hashes of the entries "leaf 0", "leaf 1", ….
func sampleLeafHashes(count: Int) -> [MerkleHash] {
    (0..<count).map { MerkleHasher.leafHash(Array("leaf \($0)".utf8)) }
}

/// A hash with one bit flipped.
func flipped(_ hash: MerkleHash, byte: Int = 0) -> MerkleHash? {
    var bytes = hash.bytes
    bytes[byte] ^= 0x08
    return MerkleHash(bytes: bytes)
}
