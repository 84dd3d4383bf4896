import Foundation

/// A deterministic, generated credit-application table for benchmarks and tests: numeric and
/// categorical columns, missing cells, a default rate of about 7 % and real (partly non-monotonic)
/// signal, plus a stratified fold assignment.
///
/// The same `rows` and `seed` always give the same bytes, on every platform (own random generator,
/// fixed number formatting).
public struct SyntheticCreditData: Sendable {
    /// The column names, target `bad` last.
    public static let header = [
        "age", "income", "debt_ratio", "utilization", "credit_lines", "months_employed", "late_payments",
        "inquiries_6m", "loan_amount", "housing", "purpose", "employment", "region", "education", "bad",
    ]

    public let rows: Int
    public let seed: UInt64
    public let folds: Int

    public init(rows: Int, seed: UInt64 = 2026, folds: Int = 5) {
        self.rows = max(rows, 0)
        self.seed = seed
        self.folds = max(folds, 2)
    }

    /// The data CSV (header line, then one line per row, LF line ends) and each row's target.
    public func dataCSV() -> (csv: String, targets: [UInt8]) {
        var rng = Random(seed: seed)
        var out = Self.header.joined(separator: ",") + "\n"
        out.reserveCapacity(rows * 96)
        var targets: [UInt8] = []
        targets.reserveCapacity(rows)
        let housing = ["own", "mortgage", "rent", "family", "other"]
        let housingRisk = [-0.35, -0.2, 0.25, 0.1, 0.45]
        let housingWeight = [0.22, 0.33, 0.32, 0.1, 0.03]
        let purpose = ["car", "home_improvement", "education", "business", "debt_consolidation", "medical",
                       "vacation", "wedding", "other"]
        let purposeRisk = [-0.15, -0.2, 0.1, 0.4, 0.2, 0.3, 0.05, -0.05, 0.15]
        let employment = ["salaried", "civil_servant", "self_employed", "contract", "unemployed"]
        let employmentRisk = [-0.1, -0.45, 0.3, 0.2, 0.8]
        let employmentWeight = [0.5, 0.12, 0.18, 0.15, 0.05]
        let education = ["primary", "secondary", "bachelor", "master", "doctorate"]
        let educationRisk = [0.25, 0.1, -0.1, -0.2, -0.25]
        let educationWeight = [0.12, 0.45, 0.3, 0.11, 0.02]
        // 40 regions with a fixed, seed-independent risk pattern and a long tail of small ones.
        let regionRisk = (0..<40).map { 0.5 * sin(Double($0) * 1.7) }
        let regionWeight = (0..<40).map { 1.0 / Double($0 + 3) }

        for _ in 0..<rows {
            let age = (22 + 45 * rng.beta2()).rounded(.down)
            let educationIndex = rng.pick(educationWeight)
            let logIncome = 8.4 + 0.012 * min(age - 22, 25) + 0.18 * Double(educationIndex) + 0.45 * rng.normal()
            let income = exp(logIncome).rounded()
            let employmentIndex = rng.pick(employmentWeight)
            let housingIndex = rng.pick(housingWeight)
            let purposeIndex = rng.uniformInt(purpose.count)
            let regionIndex = rng.pick(regionWeight)
            let debtRatio = max(0, min(2.5, 0.35 + 0.22 * rng.normal() + (housingIndex == 1 ? 0.1 : 0)))
            let utilization = max(0, min(1.3, rng.beta2() * 1.1 + 0.1 * rng.normal()))
            let creditLines = Double(rng.poisson(4.5 + 0.05 * (age - 22)))
            let monthsEmployed = employmentIndex == 4 ? 0 : (Double(rng.uniformInt(Int(max(age - 20, 1) * 12))))
            let latePayments = Double(rng.poisson(0.15 + 0.9 * utilization * utilization))
            let inquiries = Double(rng.poisson(1.0 + (purposeIndex == 4 ? 0.8 : 0)))
            let loanAmount = (exp(8.6 + 0.5 * rng.normal() + (purposeIndex == 3 ? 0.6 : 0)) / 100).rounded() * 100

            // The log-odds of default: monotone, U-shaped and categorical effects, plus noise the
            // features do not explain.
            let ageEffect = 0.0012 * (age - 45) * (age - 45) - 0.3
            var z = -3.3
            z += ageEffect
            z += -0.55 * (logIncome - 9.0)
            z += 1.1 * (debtRatio - 0.35)
            z += 1.3 * (utilization - 0.5)
            z += 0.45 * latePayments
            z += 0.12 * inquiries
            z += -0.05 * (creditLines - 5)
            z += monthsEmployed < 12 ? 0.35 : 0
            z += 0.08 * log(loanAmount / 5000)
            z += housingRisk[housingIndex] + purposeRisk[purposeIndex] + employmentRisk[employmentIndex]
            z += educationRisk[educationIndex] + regionRisk[regionIndex]
            z += 0.5 * rng.normal()
            let bad: UInt8 = rng.uniform() < 1 / (1 + exp(-z)) ? 1 : 0
            targets.append(bad)

            // Missing cells: income more often for the self-employed (informative missingness).
            let incomeMissing = rng.uniform() < (employmentIndex == 2 ? 0.2 : 0.05)
            let monthsMissing = rng.uniform() < 0.04
            let employmentMissing = rng.uniform() < 0.03
            let educationMissing = rng.uniform() < 0.08
            let utilizationMissing = rng.uniform() < 0.02

            out += Self.integer(age)
            out += ","
            out += incomeMissing ? "" : Self.integer(income)
            out += ","
            out += Self.decimal(debtRatio, places: 3)
            out += ","
            out += utilizationMissing ? "" : Self.decimal(utilization, places: 3)
            out += ","
            out += Self.integer(creditLines)
            out += ","
            out += monthsMissing ? "" : Self.integer(monthsEmployed)
            out += ","
            out += Self.integer(latePayments)
            out += ","
            out += Self.integer(inquiries)
            out += ","
            out += Self.integer(loanAmount)
            out += ","
            out += housing[housingIndex]
            out += ","
            out += purpose[purposeIndex]
            out += ","
            out += employmentMissing ? "" : employment[employmentIndex]
            out += ","
            out += "R" + (regionIndex < 9 ? "0" : "") + String(regionIndex + 1)
            out += ","
            out += educationMissing ? "" : education[educationIndex]
            out += ","
            out += bad == 1 ? "1\n" : "0\n"
        }
        return (out, targets)
    }

    /// A stratified assignment of rows to `folds` test folds: the bads and the goods are each
    /// shuffled (with a generator derived from the seed) and dealt out in turn, so every fold holds
    /// the same number of bads and of goods, give or take one.
    public func foldAssignment(targets: [UInt8]) -> [Int] {
        var rng = Random(seed: seed ^ 0x5F0D_5F0D_5F0D_5F0D)
        var assignment = [Int](repeating: 0, count: targets.count)
        var dealt = 0
        for cls: UInt8 in [1, 0] {
            var members = targets.indices.filter { targets[$0] == cls }
            for i in stride(from: members.count - 1, to: 0, by: -1) {
                members.swapAt(i, rng.uniformInt(i + 1))
            }
            for member in members {
                assignment[member] = dealt % folds
                dealt += 1
            }
        }
        return assignment
    }

    /// The folds CSV (`row,fold`, rows from 0 in file order).
    public static func foldsCSV(_ assignment: [Int]) -> String {
        var out = "row,fold\n"
        out.reserveCapacity(assignment.count * 9)
        for (row, fold) in assignment.enumerated() {
            out += String(row)
            out += ","
            out += String(fold)
            out += "\n"
        }
        return out
    }

    /// Writes `<name>.csv` and `<name>_folds.csv` into a directory; returns their paths.
    @discardableResult
    public func write(to directory: URL, name: String = "synthetic") throws -> (data: URL, folds: URL) {
        let (csv, targets) = dataCSV()
        let dataURL = directory.appendingPathComponent("\(name).csv")
        let foldsURL = directory.appendingPathComponent("\(name)_folds.csv")
        try Data(csv.utf8).write(to: dataURL)
        try Data(Self.foldsCSV(foldAssignment(targets: targets)).utf8).write(to: foldsURL)
        return (dataURL, foldsURL)
    }

    static func integer(_ value: Double) -> String { String(Int64(value)) }

    /// Fixed-point text without exponent, trailing zeros dropped ("0.35", "1", "0.021").
    static func decimal(_ value: Double, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded())
        let whole = scaled / scale
        var fraction = scaled % scale
        guard fraction != 0 else { return String(whole) }
        var digits = places
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }
}

extension SyntheticCreditData {
    /// SplitMix64: a small, fast, portable pseudo-random generator.
    struct Random: RandomNumberGenerator, Sendable {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in [0, 1).
        mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

        /// Uniform integer in 0..<n (n ≥ 1); the tiny modulo bias does not matter here.
        mutating func uniformInt(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

        /// Standard normal (Box–Muller, one value per call).
        mutating func normal() -> Double {
            let u = max(uniform(), 0x1p-60), v = uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }

        /// Beta(2, 3)-like skewed value in [0, 1]: the second smallest of four uniforms.
        mutating func beta2() -> Double {
            var values = [uniform(), uniform(), uniform(), uniform()]
            values.sort()
            return values[1]
        }

        /// Poisson by inversion (small means only).
        mutating func poisson(_ mean: Double) -> Int {
            let limit = exp(-mean)
            var k = 0
            var product = uniform()
            while product > limit && k < 100 {
                k += 1
                product *= uniform()
            }
            return k
        }

        /// An index drawn with the given (unnormalised) weights.
        mutating func pick(_ weights: [Double]) -> Int {
            var total = 0.0
            for w in weights { total += w }
            var u = uniform() * total
            for (index, w) in weights.enumerated() {
                u -= w
                if u < 0 { return index }
            }
            return weights.count - 1
        }
    }
}
