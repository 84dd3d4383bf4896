import Foundation

/// Generated credit tables of three shapes that real portfolios take, for checking the engine against a
/// plain logistic regression on data it was not tuned on. Each is deterministic for a seed (same bytes on
/// every platform) and comes with a stratified fold assignment (`SyntheticCreditData.foldAssignment`).
public enum SyntheticCreditShape: String, Sendable, CaseIterable {
    /// One strongly predictive continuous variable (a card balance) whose log-odds rise steeply and
    /// smoothly, a weak income and a student flag; about 3 % defaults.
    case dominantContinuous
    /// Consumer loans with rare defaults (about 1.5 %): many weak, mostly linear predictors, a grade
    /// that follows the interest rate, a 40-level state and a mostly missing "months since delinquency".
    case rareDefaults
    /// A few thousand applications with mixed numeric and categorical columns, missing values that carry
    /// risk, and linear, monotone and U-shaped effects; about 28 % defaults.
    case mixedApplications

    /// The usual row count of the shape.
    public var defaultRows: Int {
        switch self {
        case .dominantContinuous: 10_000
        case .rareDefaults: 20_000
        case .mixedApplications: 4_000
        }
    }

    /// The data CSV (header, then one line per row, target `bad` last) and the targets.
    public func dataCSV(rows: Int, seed: UInt64 = 2026) -> (csv: String, targets: [UInt8]) {
        var rng = SyntheticCreditData.Random(seed: seed ^ shapeSalt)
        var lines: [String] = [header.joined(separator: ",")]
        lines.reserveCapacity(rows + 1)
        var targets: [UInt8] = []
        targets.reserveCapacity(rows)
        for _ in 0..<max(rows, 0) {
            let (cells, bad) = row(&rng)
            targets.append(bad)
            lines.append((cells + [bad == 1 ? "1" : "0"]).joined(separator: ","))
        }
        return (lines.joined(separator: "\n") + "\n", targets)
    }

    /// The data and a stratified fold assignment over `folds` folds.
    public func generate(rows: Int, seed: UInt64 = 2026, folds: Int = 5) -> (csv: String, folds: [Int]) {
        let (csv, targets) = dataCSV(rows: rows, seed: seed)
        let assignment = SyntheticCreditData(rows: rows, seed: seed, folds: folds).foldAssignment(targets: targets)
        return (csv, assignment)
    }

    private var shapeSalt: UInt64 {
        switch self {
        case .dominantContinuous: 0x0D0D
        case .rareDefaults: 0x0A0A
        case .mixedApplications: 0x0C0C
        }
    }

    public var header: [String] {
        switch self {
        case .dominantContinuous:
            ["student", "balance", "income", "bad"]
        case .rareDefaults:
            ["annual_income", "debt_to_income", "interest_rate", "grade", "term", "loan_amount", "utilization",
             "inquiries_12m", "open_accounts", "delinq_2y", "months_since_delinq", "home", "purpose", "state",
             "emp_length", "bad"]
        case .mixedApplications:
            ["seniority", "home", "time", "age", "marital", "records", "job", "expenses", "income", "assets",
             "debt", "amount", "price", "bad"]
        }
    }

    private func row(_ rng: inout SyntheticCreditData.Random) -> (cells: [String], bad: UInt8) {
        switch self {
        case .dominantContinuous: Self.dominantRow(&rng)
        case .rareDefaults: Self.rareRow(&rng)
        case .mixedApplications: Self.mixedRow(&rng)
        }
    }

    private static func draw(_ rng: inout SyntheticCreditData.Random, _ z: Double) -> UInt8 {
        rng.uniform() < 1 / (1 + exp(-z)) ? 1 : 0
    }

    private static func dominantRow(_ rng: inout SyntheticCreditData.Random) -> ([String], UInt8) {
        let student = rng.uniform() < 0.3
        // Balance: a share at zero, the rest roughly normal; students carry more.
        var balance = 0.0
        if rng.uniform() > 0.07 {
            balance = max(0, 800 + (student ? 250 : 0) + 480 * rng.normal())
        }
        let income = max(800, (student ? 17_500 : 40_000) + (student ? 4_500 : 10_000) * rng.normal())
        // Steep, smooth log-odds in the balance (slightly convex), a little from income and student.
        let b = balance / 1000
        let z = -10.9 + 5.2 * b + 0.35 * b * b - 0.5 * (student ? 1 : 0) + 0.000004 * (income - 33_000)
        let bad = draw(&rng, z)
        return ([student ? "Yes" : "No", SyntheticCreditData.decimal(balance, places: 2),
                 SyntheticCreditData.decimal(income, places: 2)], bad)
    }

    private static let grades = ["A", "B", "C", "D", "E", "F", "G"]
    private static let homes = ["MORTGAGE", "RENT", "OWN"]
    private static let purposes = ["debt_consolidation", "credit_card", "home_improvement", "other", "car",
                                   "medical", "small_business", "moving"]
    private static let purposeRisk = [0.05, -0.1, -0.05, 0.1, -0.15, 0.15, 0.35, 0.1]

    private static func rareRow(_ rng: inout SyntheticCreditData.Random) -> ([String], UInt8) {
        let logIncome = 11.0 + 0.55 * rng.normal()
        let income = (exp(logIncome) / 100).rounded() * 100
        let dti = max(0, min(60, 18 + 9 * rng.normal()))
        let gradeIndex = min(6, max(0, Int((1.6 + 1.3 * rng.normal()).rounded())))
        let rate = max(5, 6.5 + 3.4 * Double(gradeIndex) + 1.2 * rng.normal())
        let term = rng.uniform() < 0.7 ? 36 : 60
        let amount = (max(1000, min(40_000, exp(9.4 + 0.6 * rng.normal()))) / 25).rounded() * 25
        let utilization = max(0, min(1.2, 0.5 + 0.25 * rng.normal()))
        let inquiries = Double(rng.poisson(1.2 + 0.2 * Double(gradeIndex)))
        let accounts = Double(rng.poisson(10))
        let delinquencies = Double(rng.poisson(0.25))
        let delinquent = delinquencies > 0 || rng.uniform() < 0.25
        let monthsSince = delinquent ? Double(rng.uniformInt(84)) : .nan
        let homeIndex = rng.pick([0.45, 0.42, 0.13])
        let purposeIndex = rng.pick([0.5, 0.2, 0.07, 0.08, 0.04, 0.03, 0.03, 0.05])
        let state = rng.pick((0..<40).map { 1.0 / Double($0 + 2) })
        let employment = rng.uniformInt(11)
        // Mostly linear log-odds: many weak effects, none dominant.
        var z = -4.6
        z += 0.11 * (rate - 13)
        z += 0.022 * (dti - 18)
        z += -0.35 * (logIncome - 11)
        z += term == 60 ? 0.3 : 0
        z += 0.6 * (utilization - 0.5)
        z += 0.12 * inquiries
        z += 0.25 * delinquencies
        z += monthsSince.isNaN ? 0 : 0.25 * (1 - monthsSince / 84)
        z += [0.0, 0.15, -0.05][homeIndex] + purposeRisk[purposeIndex]
        z += 0.15 * sin(Double(state) * 2.3)
        z += -0.02 * Double(employment)
        let bad = draw(&rng, z)
        let cells = [
            SyntheticCreditData.integer(income), SyntheticCreditData.decimal(dti, places: 2),
            SyntheticCreditData.decimal(rate, places: 2), grades[gradeIndex], String(term),
            SyntheticCreditData.integer(amount), SyntheticCreditData.decimal(utilization, places: 3),
            SyntheticCreditData.integer(inquiries), SyntheticCreditData.integer(accounts),
            SyntheticCreditData.integer(delinquencies),
            monthsSince.isNaN ? "" : SyntheticCreditData.integer(monthsSince),
            homes[homeIndex], purposes[purposeIndex], "S" + String(state + 10),
            rng.uniform() < 0.06 ? "" : String(employment),
        ]
        return (cells, bad)
    }

    private static let homeKinds = ["owner", "rent", "parents", "priv", "other", "ignore"]
    private static let homeRisk = [-0.45, 0.25, 0.0, 0.2, 0.5, 0.3]
    private static let maritals = ["married", "single", "separated", "widow", "divorced"]
    private static let maritalRisk = [-0.1, 0.1, 0.5, 0.0, 0.2]
    private static let jobs = ["fixed", "freelance", "partime", "others"]
    private static let jobRisk = [-0.45, 0.2, 1.1, 0.5]

    private static func mixedRow(_ rng: inout SyntheticCreditData.Random) -> ([String], UInt8) {
        let age = (20 + 48 * rng.beta2()).rounded(.down)
        let seniority = Double(rng.uniformInt(Int(max(age - 18, 1) * 0.8) + 1))
        let homeIndex = rng.pick([0.47, 0.22, 0.18, 0.06, 0.06, 0.01])
        let time = [12, 24, 36, 48, 60][rng.pick([0.06, 0.1, 0.18, 0.2, 0.46])]
        let maritalIndex = rng.pick([0.73, 0.22, 0.03, 0.01, 0.01])
        let records = rng.uniform() < 0.17
        let jobIndex = rng.pick([0.63, 0.23, 0.1, 0.04])
        let expenses = (35 + 10 * Double(maritalIndex == 0 ? 2 : 1) + 12 * rng.normal()).rounded()
        let income = max(20, (130 + 60 * rng.normal() + 1.5 * seniority).rounded())
        let assets = homeIndex == 0 ? max(0, (6000 + 5000 * rng.normal()).rounded(.down)) : max(0, (1500 * rng.normal()).rounded(.down))
        let debt = rng.uniform() < 0.8 ? 0 : (max(0, 800 + 1500 * rng.normal())).rounded()
        let price = max(150, (1400 + 600 * rng.normal()).rounded())
        let amount = max(100, min(price, (price * (0.55 + 0.2 * rng.normal()) / 50).rounded() * 50))
        // Linear, monotone-saturating and U-shaped effects, and missing values that carry risk.
        var z = -0.4
        z += -0.9 * (1 - exp(-seniority / 4))
        z += homeRisk[homeIndex] + maritalRisk[maritalIndex] + jobRisk[jobIndex]
        z += 0.012 * Double(time - 45)
        z += 0.0012 * (age - 40) * (age - 40) - 0.25
        z += records ? 1.2 : 0
        z += 0.01 * (expenses - 55)
        z += -0.009 * (income - 130)
        z += -0.00004 * assets
        z += 0.00012 * debt
        z += 1.8 * (amount / price - 0.55)
        let incomeMissing = rng.uniform() < (jobIndex == 1 ? 0.22 : 0.06)
        let assetsMissing = rng.uniform() < 0.02
        if incomeMissing { z += 0.7 }
        let bad = draw(&rng, z + 0.3 * rng.normal())
        let cells = [
            SyntheticCreditData.integer(seniority), rng.uniform() < 0.005 ? "" : homeKinds[homeIndex], String(time),
            SyntheticCreditData.integer(age), rng.uniform() < 0.003 ? "" : maritals[maritalIndex],
            records ? "yes" : "no", rng.uniform() < 0.002 ? "" : jobs[jobIndex], SyntheticCreditData.integer(expenses),
            incomeMissing ? "" : SyntheticCreditData.integer(income),
            assetsMissing ? "" : SyntheticCreditData.integer(assets), SyntheticCreditData.integer(debt),
            SyntheticCreditData.integer(amount), SyntheticCreditData.integer(price),
        ]
        return (cells, bad)
    }
}
