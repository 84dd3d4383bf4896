import Foundation

/// One Paillier ciphertext, an element of Z*_{n²}. Immutable; which key it belongs to is the holder's business
/// (the protocol messages say whose key each vector is under).
public struct PaillierCiphertext: Sendable, Codable, Equatable {
    public let value: GMPInteger

    public init(_ value: GMPInteger) { self.value = value }
}

/// A vector of ciphertexts under one key, serialized as one blob of fixed-width big-endian values
/// (`PaillierPublicKey.ciphertextWidth` bytes each), the compact form for messages.
public struct PaillierCiphertextVector: Sendable, Codable, Equatable {
    public let width: Int
    public let blob: Data

    public var count: Int { width == 0 ? 0 : blob.count / width }

    public init(_ ciphertexts: [PaillierCiphertext], publicKey: PaillierPublicKey) {
        width = publicKey.ciphertextWidth
        var data = Data(capacity: width * ciphertexts.count)
        for c in ciphertexts { data.append(contentsOf: c.value.bigEndianBytes(width: width)) }
        blob = data
    }

    /// The ciphertexts, checked to be in [1, n²) for the expected key.
    public func ciphertexts(publicKey: PaillierPublicKey) throws -> [PaillierCiphertext] {
        guard width == publicKey.ciphertextWidth, blob.count % max(width, 1) == 0 else { throw JointModelError.keyMismatch }
        let bytes = [UInt8](blob)
        return try (0..<count).map { i in
            let value = GMPInteger(bigEndian: bytes[(i * width)..<((i + 1) * width)])
            guard value.signum > 0, value < publicKey.nSquared else { throw JointModelError.ciphertextOutOfRange }
            return PaillierCiphertext(value)
        }
    }
}

extension PaillierPrivateKey {
    /// Decrypts to the plaintext in [0, n), by CRT: m_p = L_p(c^(p−1) mod p²)·h_p mod p, likewise m_q, combined.
    public func decrypt(_ ciphertext: PaillierCiphertext) -> GMPInteger {
        let c = ciphertext.value
        let one = GMPInteger(1)
        let mp = ((c.mod(pSquared).powmodSecret(pMinusOne, pSquared) - one) / p).mulmod(hp, p)
        let mq = ((c.mod(qSquared).powmodSecret(qMinusOne, qSquared) - one) / q).mulmod(hq, q)
        return mq + q * (mp - mq).mulmod(qInverseModP, p)
    }

    /// Decrypts and reads the plaintext as a signed integer (see `PaillierPublicKey.signed`).
    public func decryptSigned(_ ciphertext: PaillierCiphertext) throws -> GMPInteger {
        try publicKey.signed(decrypt(ciphertext))
    }
}
