import CGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An arbitrary-precision integer held in a GMP `mpz_t`, with only the operations joint modelling needs.
///
/// Instances are immutable once built: every public operation returns a new integer, so sharing one between tasks
/// is sound (`@unchecked Sendable`). The only in-place operations are internal and used on private accumulators
/// that never escape the function that made them.
public final class GMPInteger: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpz_struct>

    init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
    }

    public convenience init(_ value: Int) {
        self.init()
        __gmpz_set_si(pointer, value)
    }

    /// A non-negative integer from big-endian bytes (leading zeros allowed).
    public convenience init(bigEndian bytes: some Collection<UInt8>) {
        self.init()
        let array = Array(bytes)
        guard !array.isEmpty else { return }
        array.withUnsafeBytes { raw in
            __gmpz_import(pointer, array.count, 1, 1, 1, 0, raw.baseAddress)
        }
    }

    /// Parses a decimal or, with `radix: 16`, hexadecimal string; nil if it is not a number.
    public convenience init?(_ text: String, radix: Int32 = 10) {
        self.init()
        guard __gmpz_set_str(pointer, text, radix) == 0 else { return nil }
    }

    /// Minimal big-endian bytes of the absolute value (empty for zero).
    public var bigEndianBytes: [UInt8] {
        let count = (bitWidth + 7) / 8
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var written = 0
        bytes.withUnsafeMutableBytes { raw in
            _ = __gmpz_export(raw.baseAddress, &written, 1, 1, 1, 0, pointer)
        }
        return bytes
    }

    /// Big-endian bytes left-padded with zeros to `width` (the value must fit).
    public func bigEndianBytes(width: Int) -> [UInt8] {
        let bytes = bigEndianBytes
        precondition(bytes.count <= width, "integer of \(bytes.count) bytes does not fit in \(width)")
        return [UInt8](repeating: 0, count: width - bytes.count) + bytes
    }

    /// Number of significant bits of the absolute value (0 for zero).
    public var bitWidth: Int {
        signum == 0 ? 0 : Int(__gmpz_sizeinbase(pointer, 2))
    }

    public var signum: Int {
        let size = pointer.pointee._mp_size
        return size > 0 ? 1 : (size < 0 ? -1 : 0)
    }

    public var isOdd: Bool { __gmpz_tstbit(pointer, 0) == 1 }

    public var decimalString: String {
        guard let chars = __gmpz_get_str(nil, 10, pointer) else { return "" }
        defer { free(chars) }
        return String(cString: chars)
    }

    /// The nearest Double (truncated toward zero by GMP); exact for magnitudes below 2^53.
    public var doubleValue: Double { __gmpz_get_d(pointer) }

    /// The value as an Int, if it fits.
    public var intValue: Int? {
        guard __gmpz_fits_slong_p(pointer) != 0 else { return nil }
        return __gmpz_get_si(pointer)
    }
}

// MARK: - Arithmetic returning new integers

extension GMPInteger {
    public static func + (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_add(r.pointer, a.pointer, b.pointer); return r
    }

    public static func - (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_sub(r.pointer, a.pointer, b.pointer); return r
    }

    public static func * (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_mul(r.pointer, a.pointer, b.pointer); return r
    }

    /// Floor division (the divisor must be non-zero).
    public static func / (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_fdiv_q(r.pointer, a.pointer, b.pointer); return r
    }

    /// The non-negative residue of `self` modulo `modulus` (> 0).
    public func mod(_ modulus: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_mod(r.pointer, pointer, modulus.pointer); return r
    }

    public func mulmod(_ other: GMPInteger, _ modulus: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_mul(r.pointer, pointer, other.pointer)
        __gmpz_mod(r.pointer, r.pointer, modulus.pointer)
        return r
    }

    /// `self^exponent mod modulus` for a public exponent (variable time, the fastest).
    public func powmod(_ exponent: GMPInteger, _ modulus: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_powm(r.pointer, pointer, exponent.pointer, modulus.pointer); return r
    }

    /// `self^exponent mod modulus` in time independent of the exponent's bits, for secret exponents.
    /// The modulus must be odd and the exponent positive.
    public func powmodSecret(_ exponent: GMPInteger, _ modulus: GMPInteger) -> GMPInteger {
        precondition(modulus.isOdd && exponent.signum > 0, "mpz_powm_sec needs an odd modulus and a positive exponent")
        let r = GMPInteger(); __gmpz_powm_sec(r.pointer, pointer, exponent.pointer, modulus.pointer); return r
    }

    /// The inverse modulo `modulus`, or nil when none exists.
    public func inverse(_ modulus: GMPInteger) -> GMPInteger? {
        let r = GMPInteger()
        return __gmpz_invert(r.pointer, pointer, modulus.pointer) != 0 ? r : nil
    }

    public func gcd(_ other: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_gcd(r.pointer, pointer, other.pointer); return r
    }

    public func lcm(_ other: GMPInteger) -> GMPInteger {
        let r = GMPInteger(); __gmpz_lcm(r.pointer, pointer, other.pointer); return r
    }

    public func shiftedLeft(_ bits: Int) -> GMPInteger {
        let r = GMPInteger(); __gmpz_mul_2exp(r.pointer, pointer, UInt(bits)); return r
    }

    public func shiftedRight(_ bits: Int) -> GMPInteger {
        let r = GMPInteger(); __gmpz_fdiv_q_2exp(r.pointer, pointer, UInt(bits)); return r
    }

    public var negated: GMPInteger {
        let r = GMPInteger(); __gmpz_neg(r.pointer, pointer); return r
    }
}

// MARK: - In-place helpers for private accumulators (never on a shared instance)

extension GMPInteger {
    /// A fresh mutable copy, for use as a private accumulator.
    func copy() -> GMPInteger {
        let r = GMPInteger(); __gmpz_set(r.pointer, pointer); return r
    }

    func setOne() { __gmpz_set_ui(pointer, 1) }

    /// Only while decoding, before the instance is shared.
    func negateInPlace() { __gmpz_neg(pointer, pointer) }

    func multiplyModInPlace(by other: GMPInteger, _ modulus: GMPInteger) {
        __gmpz_mul(pointer, pointer, other.pointer)
        __gmpz_mod(pointer, pointer, modulus.pointer)
    }

    func squareModInPlace(_ modulus: GMPInteger) {
        __gmpz_mul(pointer, pointer, pointer)
        __gmpz_mod(pointer, pointer, modulus.pointer)
    }
}

// MARK: - Comparison

extension GMPInteger: Equatable, Comparable, CustomStringConvertible, Hashable {
    public static func == (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.pointer, b.pointer) == 0 }
    public static func < (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.pointer, b.pointer) < 0 }
    public var description: String { decimalString }
    public func hash(into hasher: inout Hasher) { hasher.combine(bigEndianBytes); hasher.combine(signum) }
}
