import Foundation
import Testing
@testable import JointModel

@Suite("Paillier")
struct PaillierTests {
    static let key1024 = Result { try PaillierKeyPair.generate(bits: 1024) }

    @Test("Encrypt and CRT-decrypt, add, add plain, scalar multiply, negatives, at 1024 bits")
    func arithmetic() throws {
        let pair = try Self.key1024.get()
        let pk = pair.publicKey, sk = pair.privateKey
        #expect(pk.bits == 1024)
        var pool = ObfuscatorPool(publicKey: pk, privateKey: sk)
        pool.fill(4)
        #expect(pool.available == 4)
        let a = pk.encrypt(try pk.encode(signed: GMPInteger(1234)), pool: &pool)
        let b = pk.encrypt(try pk.encode(signed: GMPInteger(-5000)), pool: &pool)
        #expect(try sk.decryptSigned(a) == GMPInteger(1234))
        #expect(try sk.decryptSigned(b) == GMPInteger(-5000))
        #expect(try sk.decryptSigned(pk.add(a, b)) == GMPInteger(-3766))
        #expect(try sk.decryptSigned(pk.addPlain(a, try pk.encode(signed: GMPInteger(-1300)))) == GMPInteger(-66))
        #expect(try sk.decryptSigned(pk.multiply(a, by: GMPInteger(-3))) == GMPInteger(-3702))
        #expect(try sk.decryptSigned(pk.multiply(b, by: GMPInteger(-2))) == GMPInteger(10000))
        #expect(try sk.decryptSigned(pk.multiply(b, by: GMPInteger(0))) == GMPInteger(0))
        // Two encryptions of one value differ (fresh obfuscators), decrypt equal.
        let a2 = pk.encrypt(try pk.encode(signed: GMPInteger(1234)), pool: &pool)
        #expect(a2 != a)
        #expect(sk.decrypt(a2) == sk.decrypt(a))
        #expect(sk.decrypt(pk.rerandomize(a, pool: &pool)) == GMPInteger(1234))
        #expect(pk.rerandomize(a, pool: &pool) != a)
    }

    @Test("Fixed-point reals and overflow detection")
    func fixedPoint() throws {
        let pair = try Self.key1024.get()
        let pk = pair.publicKey, sk = pair.privateKey
        var pool = ObfuscatorPool(publicKey: pk)
        let x = try pk.encrypt(-2.718281828, fractionBits: 30, pool: &pool)
        let y = try pk.encrypt(0.5, fractionBits: 30, pool: &pool)
        let back = try pk.decode(sk.decrypt(pk.add(x, y)), fractionBits: 30)
        #expect(abs(back - (-2.218281828)) < 1e-8)
        // Scalar by a fixed-point 1.5 (2 fraction bits → 6): the product has 32 fraction bits.
        let product = try pk.decode(sk.decrypt(pk.multiply(x, by: FixedPoint.integer(1.5, fractionBits: 2))), fractionBits: 32)
        #expect(abs(product - (-4.077422742)) < 1e-8)
        #expect(throws: JointModelError.plaintextOverflow) { try pk.encode(signed: pk.n / GMPInteger(2)) }
        // maxInt + maxInt lands in the overflow band and is reported, not misread.
        let big = pk.encrypt(pk.maxInt, pool: &pool)
        #expect(throws: JointModelError.plaintextOverflow) { try sk.decryptSigned(pk.add(big, big)) }
        #expect(FixedPoint.real(FixedPoint.integer(1e30, fractionBits: 40), fractionBits: 40) == 1e30)
    }

    @Test("Short-exponent obfuscators decrypt the same; weighted sums match term by term")
    func shortExponentAndWeightedSums() throws {
        let pair = try Self.key1024.get()
        let pk = pair.publicKey, sk = pair.privateKey
        var pool = ObfuscatorPool(publicKey: pk, kind: .shortExponent)
        let values: [Int] = [3, -7, 11, 0, 250_000, -1]
        let cts = try values.map { pk.encrypt(try pk.encode(signed: GMPInteger($0)), pool: &pool) }
        #expect(try cts.map { try sk.decryptSigned($0) } == values.map { GMPInteger($0) })
        let weights: [[Int64]] = [[1, -2, 0], [5, 3, 70_000], [-9, 0, 1], [4, 4, 4], [2, -1, -65_000], [0, 8, 1 << 40]]
        let sums = pk.weightedSums(cts, weights: weights)
        for j in 0..<3 {
            let expected = values.indices.reduce(0) { $0 + values[$1] * Int(weights[$1][j]) }
            #expect(try sk.decryptSigned(sums[j]) == GMPInteger(expected), "column \(j)")
        }
    }

    @Test("Public key and ciphertexts round-trip through JSON; wrong-size vectors are refused")
    func serialization() throws {
        let pair = try Self.key1024.get()
        let pk = pair.publicKey
        var pool = ObfuscatorPool(publicKey: pk)
        let json = try JSONEncoder().encode(pk)
        let decoded = try JSONDecoder().decode(PaillierPublicKey.self, from: json)
        #expect(decoded == pk)
        let cts = (0..<3).map { pk.encrypt(GMPInteger($0), pool: &pool) }
        let vector = PaillierCiphertextVector(cts, publicKey: pk)
        let back = try JSONDecoder().decode(PaillierCiphertextVector.self, from: JSONEncoder().encode(vector))
        #expect(try back.ciphertexts(publicKey: pk) == cts)
        let other = try PaillierKeyPair.generate(bits: 1040).publicKey
        #expect(throws: JointModelError.keyMismatch) { try back.ciphertexts(publicKey: other) }
    }

    @Test("2048-bit key: n has 2048 bits, CRT obfuscators and CRT decryption agree with the textbook formulas")
    func key2048() throws {
        let pair = try PaillierKeyPair.generate(bits: 2048)
        let pk = pair.publicKey, sk = pair.privateKey
        #expect(pk.bits == 2048 && pk.ciphertextWidth == 512)
        var crtPool = ObfuscatorPool(publicKey: pk, privateKey: sk)
        var plainPool = ObfuscatorPool(publicKey: pk)
        let m = try pk.encode(signed: GMPInteger(-123_456_789))
        let c1 = pk.encrypt(m, pool: &crtPool), c2 = pk.encrypt(m, pool: &plainPool)
        #expect(try sk.decryptSigned(c1) == GMPInteger(-123_456_789))
        #expect(try sk.decryptSigned(pk.add(c1, c2)) == GMPInteger(-246_913_578))
        // Textbook decryption: m = L(c^λ mod n²) · μ mod n with λ = lcm(p−1, q−1), μ = L(g^λ mod n²)^−1.
        let one = GMPInteger(1)
        let lambda = sk.pMinusOne.lcm(sk.qMinusOne)
        let L = { (x: GMPInteger) in (x - one) / pk.n }
        let mu = L((pk.n + one).powmod(lambda, pk.nSquared)).inverse(pk.n)!
        #expect(L(c1.value.powmod(lambda, pk.nSquared)).mulmod(mu, pk.n) == m)
        // A CRT obfuscator is an n-th residue: its λ-th power is 1.
        #expect(crtPool.next().powmod(lambda, pk.nSquared) == one)
    }
}
