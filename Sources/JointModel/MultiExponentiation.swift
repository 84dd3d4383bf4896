/// Products Π_i c_i^{e_ij} for every column j of an exponent matrix, by the bucket method (Pippenger):
/// the exponents are cut into w-bit windows; per window each base is multiplied into the bucket of its digit,
/// and the buckets are summed with running products (2·2^w multiplications), so a term costs about |e|/w
/// multiplications instead of |e| squarings plus |e|/2 multiplications for one exponentiation per term.
/// Negative exponents go to a second set of buckets whose product is inverted once per column.
/// This is the cost centre of vertical LR: Σ_i x_ij·[[d_i]] for every feature j.
enum MultiExponentiation {
    /// - Parameters:
    ///   - bases: units modulo `modulus`, one per row.
    ///   - exponents: rows × columns, small signed integers.
    static func columnProducts(bases: [GMPInteger], exponents: [[Int64]], modulus: GMPInteger) -> [GMPInteger] {
        precondition(bases.count == exponents.count, "one exponent row per base")
        let columns = exponents.first?.count ?? 0
        return columnProducts(bases: bases, columns: columns, exponent: { exponents[$0][$1] }, modulus: modulus)
    }

    /// The same with exponents given by a function of (row, column); columns are computed in parallel.
    static func columnProducts(bases: [GMPInteger], columns: Int, exponent: @escaping @Sendable (Int, Int) -> Int64,
                               modulus: GMPInteger) -> [GMPInteger] {
        Parallel.map(columns) { j in column(bases: bases, exponent: { exponent($0, j) }, modulus: modulus) }
    }

    static func column(bases: [GMPInteger], exponent: (Int) -> Int64, modulus: GMPInteger) -> GMPInteger {
        let rows = bases.count
        var maxMagnitude: UInt64 = 0
        for i in 0..<rows { maxMagnitude = max(maxMagnitude, exponent(i).magnitude) }
        guard maxMagnitude > 0 else { return GMPInteger(1) }
        let exponentBits = 64 - maxMagnitude.leadingZeroBitCount
        // The window minimising (windows) × (rows + 2·2^w) multiplications.
        let windowBits = (1...min(16, exponentBits)).min { a, b in
            let costA = ((exponentBits + a - 1) / a) * (rows + (2 << a))
            let costB = ((exponentBits + b - 1) / b) * (rows + (2 << b))
            return costA < costB
        }!
        let windows = (exponentBits + windowBits - 1) / windowBits
        let digitMask = UInt64((1 << windowBits) - 1)
        let positive = GMPInteger(1)
        let negative = GMPInteger(1)
        let buckets = (0..<(1 << windowBits)).map { _ in (GMPInteger(1), GMPInteger(1)) }
        for window in stride(from: windows - 1, through: 0, by: -1) {
            for _ in 0..<windowBits {
                positive.squareModInPlace(modulus)
                negative.squareModInPlace(modulus)
            }
            for d in 0..<buckets.count { buckets[d].0.setOne(); buckets[d].1.setOne() }
            var anyPositive = false, anyNegative = false
            for i in 0..<rows {
                let e = exponent(i)
                let digit = Int((e.magnitude >> UInt64(window * windowBits)) & digitMask)
                guard digit != 0 else { continue }
                if e > 0 { buckets[digit].0.multiplyModInPlace(by: bases[i], modulus); anyPositive = true } else {
                    buckets[digit].1.multiplyModInPlace(by: bases[i], modulus); anyNegative = true
                }
            }
            if anyPositive { positive.multiplyModInPlace(by: sumBuckets(buckets.map(\.0), modulus), modulus) }
            if anyNegative { negative.multiplyModInPlace(by: sumBuckets(buckets.map(\.1), modulus), modulus) }
        }
        guard let inverse = negative.inverse(modulus) else { preconditionFailure("a base is not a unit") }
        return positive.mulmod(inverse, modulus)
    }

    /// Π_d bucket_d^d by running products from the top digit down.
    static func sumBuckets(_ buckets: [GMPInteger], _ modulus: GMPInteger) -> GMPInteger {
        let running = GMPInteger(1)
        let total = GMPInteger(1)
        for d in stride(from: buckets.count - 1, through: 1, by: -1) {
            running.multiplyModInPlace(by: buckets[d], modulus)
            total.multiplyModInPlace(by: running, modulus)
        }
        return total
    }
}
