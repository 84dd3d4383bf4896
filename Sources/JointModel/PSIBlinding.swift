import Crypto
import Foundation

/// One party's secret for ECDH-style PSI on Curve25519: blinding is X25519(secret, u).
///
/// Why blinding commutes, X25519(a, X25519(b, u)) = X25519(b, X25519(a, u)):
/// X25519(k, u) is the u-coordinate of [clamp(k)]·P for any point P with u-coordinate u, computed by the
/// Montgomery ladder, which works on u-coordinates alone. Every 32-byte string (after RFC 7748 masks the top
/// bit and reduces mod p = 2^255 − 19) is the u-coordinate of a point either on Curve25519 or on its quadratic
/// twist, and the ladder computes scalar multiplication correctly on both, because both are groups in which u
/// determines a point up to sign and u([k]P) = u([k](−P)). So with A = clamp(a), B = clamp(b):
/// X25519(a, X25519(b, u)) = u([A]·(±[B]P)) = u([AB]P) = u([B]·(±[A]P)) = X25519(b, X25519(a, u)).
/// The clamping only fixes which integers A and B are (multiples of 8 with bit 254 set); it is applied to the
/// secret each time in the same way, so it does not break the argument. Being multiples of 8 clears the cofactor
/// components (8 on the curve, 4 on the twist), so blinded values live in the prime-order subgroups, where the
/// (twist-secure) Curve25519 gives the decisional Diffie–Hellman hardness PSI relies on. A hash landing on a
/// low-order point would blind to zero; swift-crypto refuses that (probability about 2^−250) and we report it.
public struct PSIBlindingKey: Sendable {
    let secret: Curve25519.KeyAgreement.PrivateKey

    public init() { secret = Curve25519.KeyAgreement.PrivateKey() }

    /// X25519(secret, u) for a 32-byte u-coordinate.
    func blind(_ u: some ContiguousBytes) throws -> [UInt8] {
        let point = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: u)
        do {
            let shared = try secret.sharedSecretFromKeyAgreement(with: point)
            return shared.withUnsafeBytes { Array($0) }
        } catch {
            throw JointModelError.lowOrderPoint
        }
    }

    /// The full-domain hash of an id to a 32-byte u-coordinate, separated by protocol and run.
    static func hash(_ id: String, domain: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array("xinyidai.psi.x25519.v1\u{0}\(domain)\u{0}".utf8))
        hasher.update(data: Array(id.utf8))
        return Array(hasher.finalize())
    }
}

/// A list of 32-byte group elements in one blob (the wire form of blinded sets).
public struct BlindedSet: Sendable, Codable, Equatable {
    public static let width = 32
    public let blob: Data

    public var count: Int { blob.count / Self.width }

    init(_ elements: [[UInt8]]) {
        var data = Data(capacity: elements.count * Self.width)
        for e in elements { data.append(contentsOf: e) }
        blob = data
    }

    func elements() throws -> [[UInt8]] {
        guard blob.count % Self.width == 0 else { throw JointModelError.malformedMessage("盲化集合长度不是 32 字节的整数倍") }
        let bytes = [UInt8](blob)
        return (0..<count).map { Array(bytes[($0 * Self.width)..<(($0 + 1) * Self.width)]) }
    }
}
