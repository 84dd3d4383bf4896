import Foundation

/// Monte-Carlo projection of a fund's balance (`xyd fund simulate`): defaults are drawn for the covered book from
/// the five-tier class and the evaluation grade (or a scorecard's probability), each claim is computed by the same
/// `FundClaimRule.figures` the claim engine uses — with every cap, which depends on what was paid earlier on the path
/// — and recoveries come back later, shared like `FundRecovery`.
///
/// **Model.** A loan is at risk in years 1…⌈term/12⌉ and defaults at most once; a default loses the whole principal
/// (a bullet loan's exposure: the conservative case) and reaches the scheme's trigger `claimLagYears` later, when the
/// claim is paid. Claims of a year are paid in a random order (a cap reached by one bank is reached by whichever claim
/// comes first). Each year the fund receives the injection, the institutions' contributions (the scheme's share of
/// the year's interest on the loans still performing) and interest on its opening balance, then pays the year's
/// claims and receives the year's recoveries. "Running dry" is a negative year-end balance (claims are still booked
/// when the money is short, to show the shortfall).
///
/// **Speed.** Loans are grouped by probability and last year at risk; in each group the defaulting loans are found by
/// geometric skipping (the gap to the next default is ⌊ln U / ln(1 − p)⌋), so the work per path is proportional to
/// the defaults, not to loans × years. Paths run in parallel in a task group; each path has its own random stream
/// (`FundRandom(seed:path:)`), so the results are identical for any number of cores.
public struct FundSimulator: Sendable {
    public let settings: FundSimulationSettings
    public let loans: [FundSimulationLoan]
    let amounts: [Int64]
    let institutions: [Int32]
    let firms: [Int32]
    let features: [UInt8]
    let lastYear: [Int32]
    let yearInterest: [Int64]
    let buckets: [Bucket]
    let institutionCount: Int
    let firmCount: Int
    /// Interest of all loans at risk in each year (index 1…years; 0 unused).
    let interestByYear: [Int64]

    struct Bucket: Sendable {
        /// ln(1 − p); unused when `certain`.
        let log1mp: Double
        let certain: Bool
        let lastYear: Int
        let members: [Int32]
    }

    public init(loans: [FundSimulationLoan], settings: FundSimulationSettings) throws(DomainError) {
        try settings.validate()
        guard loans.count < Int(Int32.max) else { throw .invalidInput(field: "loans", reason: "贷款笔数过多") }
        for (i, loan) in loans.enumerated() {
            guard loan.amount.isPositive else { throw .invalidInput(field: "loans[\(i)].amount", reason: "贷款金额必须大于零") }
            guard loan.institution >= 0, loan.firm >= 0 else { throw .invalidInput(field: "loans[\(i)]", reason: "机构和企业序号不能为负数") }
            guard loan.termMonths >= 1 else { throw .invalidInput(field: "loans[\(i)].termMonths", reason: "贷款期限须至少为 1 个月") }
        }
        self.settings = settings
        self.loans = loans
        let years = settings.years
        amounts = loans.map(\.amount.value)
        institutions = loans.map { Int32($0.institution) }
        firms = loans.map { Int32($0.firm) }
        features = loans.map(\.features.rawValue)
        lastYear = loans.map { Int32(min($0.yearsAtRisk, years)) }
        yearInterest = loans.map { LoanMath.divideRoundingHalfUp($0.amount.value * Int64($0.rate.basisPoints), by: 10_000) }
        institutionCount = (loans.map(\.institution).max() ?? -1) + 1
        firmCount = (loans.map(\.firm).max() ?? -1) + 1
        var byYear = [Int64](repeating: 0, count: years + 1)
        for i in loans.indices { for y in 1...Int(lastYear[i]) { byYear[y] += yearInterest[i] } }
        interestByYear = byYear

        // Group by (probability, last year at risk), in the order first met, so the draws are reproducible.
        var keys: [String: Int] = [:]
        var groups: [(p: Double, last: Int, members: [Int32])] = []
        for (i, loan) in loans.enumerated() {
            let p = settings.defaults.probability(of: loan)
            guard p > 0 else { continue }
            let key = "\(p.bitPattern)/\(lastYear[i])"
            if let g = keys[key] { groups[g].members.append(Int32(i)) } else {
                keys[key] = groups.count
                groups.append((p, Int(lastYear[i]), [Int32(i)]))
            }
        }
        buckets = groups.map { Bucket(log1mp: $0.p < 1 ? Foundation.log1p(-$0.p) : 0, certain: $0.p >= 1, lastYear: $0.last, members: $0.members) }
    }

    /// Runs the paths for one scheme version.
    public func run(_ version: FundScheme.Version) async -> FundSimulationResult {
        await run([version])[0]
    }

    /// Two versions on the same draws (common random numbers): the difference is the rules', not the luck's.
    public func compare(_ a: FundScheme.Version, _ b: FundScheme.Version) async -> FundSimulationComparison {
        let results = await run([a, b])
        return FundSimulationComparison(a: results[0], b: results[1])
    }

    /// Runs the paths for several versions, each on the same defaults.
    public func run(_ versions: [FundScheme.Version]) async -> [FundSimulationResult] {
        let schemes = versions.map(SchemeRun.init)
        let paths = settings.paths, years = settings.years
        let cores = max(1, settings.concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = min(paths, cores * 8)
        let ranges = (0..<chunkCount).map { c in (paths * c / chunkCount)..<(paths * (c + 1) / chunkCount) }
        var balances = [[Int64]](repeating: [Int64](repeating: 0, count: paths * years), count: schemes.count)
        var payouts = [[Int64]](repeating: [Int64](repeating: 0, count: paths), count: schemes.count)
        var defaults = [Int](repeating: 0, count: paths)
        await withTaskGroup(of: ChunkResult.self) { group in
            var next = 0
            func add() {
                let range = ranges[next]
                next += 1
                group.addTask { self.runChunk(range, schemes: schemes) }
            }
            while next < min(cores, ranges.count) { add() }
            for await chunk in group {
                for s in schemes.indices {
                    balances[s].replaceSubrange(chunk.range.lowerBound * years..<chunk.range.upperBound * years, with: chunk.balances[s])
                    payouts[s].replaceSubrange(chunk.range, with: chunk.payouts[s])
                }
                defaults.replaceSubrange(chunk.range, with: chunk.defaults)
                if next < ranges.count { add() }
            }
        }
        return schemes.indices.map { s in
            FundSimulationResult.summarise(version: versions[s].version, balances: balances[s], payouts: payouts[s],
                                           defaults: defaults, settings: settings)
        }
    }

    /// Everything that happened on one path, for each version: the defaults, the claims in the order paid, the
    /// year-end balances. A test recomputes the claims one by one with the claim engine and finds the same cents.
    public func trace(path: Int, versions: [FundScheme.Version]) -> [FundPathTrace] {
        var runner = PathRunner(simulator: self, schemes: versions.map(SchemeRun.init))
        var balances = [[Int64]](repeating: [Int64](repeating: 0, count: settings.years), count: versions.count)
        var payouts = [Int64](repeating: 0, count: versions.count)
        var traces: [FundPathTrace]? = versions.map { _ in FundPathTrace(defaults: [], claims: [], balances: []) }
        _ = runner.run(path: path, balances: &balances, balanceOffset: 0, payouts: &payouts, trace: &traces)
        var out = traces ?? []
        for s in out.indices { out[s].balances = balances[s].map { Cents($0) } }
        return out
    }

    struct ChunkResult: Sendable {
        var range: Range<Int>
        var balances: [[Int64]]
        var payouts: [[Int64]]
        var defaults: [Int]
    }

    func runChunk(_ range: Range<Int>, schemes: [SchemeRun]) -> ChunkResult {
        let years = settings.years
        var runner = PathRunner(simulator: self, schemes: schemes)
        var balances = [[Int64]](repeating: [Int64](repeating: 0, count: range.count * years), count: schemes.count)
        var payouts = [[Int64]](repeating: [Int64](repeating: 0, count: range.count), count: schemes.count)
        var defaults = [Int](repeating: 0, count: range.count)
        var noTrace: [FundPathTrace]? = nil
        var pathPayouts = [Int64](repeating: 0, count: schemes.count)
        for (k, path) in range.enumerated() {
            defaults[k] = runner.run(path: path, balances: &balances, balanceOffset: k * years, payouts: &pathPayouts, trace: &noTrace)
            for s in schemes.indices { payouts[s][k] = pathPayouts[s] }
        }
        return ChunkResult(range: range, balances: balances, payouts: payouts, defaults: defaults)
    }
}

/// A scheme version ready for the simulator.
struct SchemeRun: Sendable {
    let version: FundScheme.Version
    let rule: FundClaimRule
    let paysFromFund: [Bool]

    init(_ version: FundScheme.Version) {
        self.version = version
        rule = FundClaimRule(version)
        paysFromFund = version.share.resolvedParties.map(\.paysFromFund)
    }
}

/// One path's mutable state, reused from path to path within a task.
struct PathRunner {
    let sim: FundSimulator
    let schemes: [SchemeRun]
    var dead: [UInt64]
    var yearDefaults: [Int32] = []
    var pending: [[Int32]]
    var lostInterest: [Int64]
    var states: [SchemeState]

    struct SchemeState {
        var balance: Int64 = 0
        var payouts: Int64 = 0
        var institutionPaid: [Int64]
        var institutionYearPaid: [Int64]
        var firmPaid: [Int64]
        var touchedFirms: [Int32] = []
        var recoveryDue: [Int64]
    }

    init(simulator: FundSimulator, schemes: [SchemeRun]) {
        sim = simulator
        self.schemes = schemes
        let years = simulator.settings.years
        dead = [UInt64](repeating: 0, count: (simulator.amounts.count + 63) / 64)
        pending = [[Int32]](repeating: [], count: years + 1)
        lostInterest = [Int64](repeating: 0, count: years + 1)
        states = schemes.map { _ in
            SchemeState(institutionPaid: [Int64](repeating: 0, count: simulator.institutionCount),
                        institutionYearPaid: [Int64](repeating: 0, count: simulator.institutionCount),
                        firmPaid: [Int64](repeating: 0, count: simulator.firmCount),
                        recoveryDue: [Int64](repeating: 0, count: years + 1))
        }
    }

    /// Runs one path; writes its year-end balances at `balanceOffset` and its total fund payouts, returns its
    /// number of defaults.
    mutating func run(path: Int, balances: inout [[Int64]], balanceOffset: Int, payouts: inout [Int64],
                      trace: inout [FundPathTrace]?) -> Int {
        let settings = sim.settings
        let years = settings.years
        var rng = FundRandom(seed: settings.seed, path: UInt64(path))
        reset()
        var defaultCount = 0
        for y in 1...years {
            yearDefaults.removeAll(keepingCapacity: true)
            for bucket in sim.buckets where bucket.lastYear >= y {
                draw(bucket, &rng)
            }
            defaultCount += yearDefaults.count
            // Claim order within the year: a random permutation (Fisher–Yates).
            var i = yearDefaults.count - 1
            while i > 0 {
                let j = rng.below(i + 1)
                yearDefaults.swapAt(i, j)
                i -= 1
            }
            for d in yearDefaults {
                let last = Int(sim.lastYear[Int(d)])
                if y <= last { for yy in y...last { lostInterest[yy] += sim.yearInterest[Int(d)] } }
            }
            if trace != nil { for s in schemes.indices { trace?[s].defaults += yearDefaults.map { FundTracedDefault(year: y, loan: Int($0)) } } }
            let payYear = y + settings.claimLagYears
            if payYear <= years { pending[payYear].append(contentsOf: yearDefaults) }

            for s in schemes.indices {
                year(y, scheme: s, trace: &trace)
                balances[s][balanceOffset + y - 1] = states[s].balance
            }
        }
        for s in schemes.indices { payouts[s] = states[s].payouts }
        return defaultCount
    }

    mutating func reset() {
        for w in dead.indices { dead[w] = 0 }
        for y in pending.indices { pending[y].removeAll(keepingCapacity: true); lostInterest[y] = 0 }
        for s in states.indices {
            states[s].balance = sim.settings.startingBalance.value
            states[s].payouts = 0
            for i in states[s].institutionPaid.indices { states[s].institutionPaid[i] = 0 }
            for f in states[s].touchedFirms { states[s].firmPaid[Int(f)] = 0 }
            states[s].touchedFirms.removeAll(keepingCapacity: true)
            for y in states[s].recoveryDue.indices { states[s].recoveryDue[y] = 0 }
        }
    }

    /// Appends the loans of `bucket` that default this year (each alive member independently with probability p).
    @inline(__always)
    mutating func draw(_ bucket: FundSimulator.Bucket, _ rng: inout FundRandom) {
        let members = bucket.members
        let n = members.count
        if bucket.certain {
            for m in members where !isDead(m) { kill(m) }
            return
        }
        var position = -1
        while true {
            let gap = Foundation.log(rng.unitOpenBelow()) / bucket.log1mp
            if gap >= Double(n) { return }
            position += 1 + Int(gap)
            if position >= n { return }
            let m = members[position]
            if !isDead(m) { kill(m) }
        }
    }

    @inline(__always) func isDead(_ m: Int32) -> Bool { dead[Int(m) >> 6] & (1 << UInt64(Int(m) & 63)) != 0 }
    @inline(__always) mutating func kill(_ m: Int32) {
        dead[Int(m) >> 6] |= 1 << UInt64(Int(m) & 63)
        yearDefaults.append(m)
    }

    /// One year of one scheme: inflows, then the year's claims in order, then the year's recoveries.
    mutating func year(_ y: Int, scheme s: Int, trace: inout [FundPathTrace]?) {
        let settings = sim.settings
        let run = schemes[s]
        let funding = run.version.funding
        // Take the state out of the array while working on it, so its buffers are not copied (copy on write).
        var st = SchemeState(institutionPaid: [], institutionYearPaid: [], firmPaid: [], recoveryDue: [])
        swap(&st, &states[s])
        defer { swap(&st, &states[s]) }
        let opening = st.balance
        var inflow = settings.injection(inYear: y).value
        if settings.includeContributions {
            inflow += funding.contribution(fromInterestIncome: Cents(sim.interestByYear[y] - lostInterest[y])).value
        }
        if settings.includeInterest { inflow += funding.interest(onBalance: Cents(opening)).value }
        st.balance += inflow
        for i in st.institutionYearPaid.indices { st.institutionYearPaid[i] = 0 }
        var yearPaid: Int64 = 0
        let recoveryYear = y + settings.recoveryLagYears
        for d in pending[y] {
            let loan = Int(d)
            let amount = sim.amounts[loan], inst = Int(sim.institutions[loan]), firm = Int(sim.firms[loan])
            let f = run.rule.figures(loss: amount, amount: amount, features: sim.features[loan],
                                     used: (0, st.firmPaid[firm], st.institutionYearPaid[inst], st.institutionPaid[inst], yearPaid))
            let fund = run.rule.fundShare(f, loss: amount)
            st.balance -= fund
            st.payouts += fund
            let c = f.compensation
            if st.firmPaid[firm] == 0, c > 0 { st.touchedFirms.append(Int32(firm)) }
            st.firmPaid[firm] += c
            st.institutionYearPaid[inst] += c
            st.institutionPaid[inst] += c
            yearPaid += c
            var recovered: Int64 = 0
            if settings.recoveryBasisPoints > 0, recoveryYear <= settings.years {
                let gross = FundArithmetic.share(of: Cents(amount), basisPoints: settings.recoveryBasisPoints).value
                recovered = FundRecovery.fundPart(of: min(gross, amount), figures: f, loss: amount, rule: run.rule)
                st.recoveryDue[recoveryYear] += recovered
            }
            if trace != nil {
                trace?[s].claims.append(FundTracedClaim(year: y, loan: loan, compensation: Cents(c), fundShare: Cents(fund),
                                                        recoveryFundShare: Cents(recovered), recoveryYear: recovered > 0 ? recoveryYear : nil))
            }
        }
        st.balance += st.recoveryDue[y]
    }
}
