import Foundation

/// A distribution of amounts over the paths: the mean and three percentiles (nearest rank).
public struct FundDistribution: Sendable, Equatable {
    public var mean: Cents
    public var p5: Cents
    public var p50: Cents
    public var p95: Cents

    static func of(_ values: [Int64]) -> FundDistribution {
        let sorted = values.sorted()
        let total = values.reduce(0.0) { $0 + Double($1) }
        return FundDistribution(mean: Cents(Int64((total / Double(max(1, values.count))).rounded())),
                                p5: percentile(sorted, 5), p50: percentile(sorted, 50), p95: percentile(sorted, 95))
    }

    /// The nearest-rank percentile of sorted values: the ⌈q/100 · n⌉-th smallest.
    static func percentile(_ sorted: [Int64], _ q: Int) -> Cents {
        guard !sorted.isEmpty else { return .zero }
        let rank = (q * sorted.count + 99) / 100
        return Cents(sorted[max(0, min(sorted.count - 1, rank - 1))])
    }
}

/// The balance at the end of one simulated year across the paths.
public struct FundYearOutlook: Sendable, Equatable {
    public var year: Int
    public var balance: FundDistribution
    /// The balance at the settings' watched percentile.
    public var watchedPercentileBalance: Cents
    /// The share of paths whose balance is negative at the end of this year.
    public var probabilityNegative: Double
}

/// What a simulation found for one scheme version.
public struct FundSimulationResult: Sendable, Equatable {
    public var version: Int
    public var paths: Int
    public var years: [FundYearOutlook]
    /// The share of paths with a negative balance at the end of any year.
    public var probabilityOfRunningDry: Double
    /// The watched percentile (e.g. 5).
    public var dryPercentile: Int
    /// The first year whose watched-percentile balance is negative (nil: none within the horizon).
    public var dryYear: Int?
    /// The fund's own payments over the horizon, across paths.
    public var totalPayouts: FundDistribution
    public var meanDefaults: Double

    static func summarise(version: Int, balances: [Int64], payouts: [Int64], defaults: [Int],
                          settings: FundSimulationSettings) -> FundSimulationResult {
        let paths = settings.paths, horizon = settings.years
        var outlooks: [FundYearOutlook] = []
        var everDry = [Bool](repeating: false, count: paths)
        for y in 0..<horizon {
            var column = [Int64](repeating: 0, count: paths)
            var negative = 0
            for p in 0..<paths {
                let b = balances[p * horizon + y]
                column[p] = b
                if b < 0 { negative += 1; everDry[p] = true }
            }
            let sorted = column.sorted()
            outlooks.append(FundYearOutlook(year: y + 1, balance: FundDistribution.of(column),
                                            watchedPercentileBalance: FundDistribution.percentile(sorted, settings.dryPercentile),
                                            probabilityNegative: Double(negative) / Double(paths)))
        }
        return FundSimulationResult(
            version: version, paths: paths, years: outlooks,
            probabilityOfRunningDry: Double(everDry.filter { $0 }.count) / Double(paths),
            dryPercentile: settings.dryPercentile,
            dryYear: outlooks.first { $0.watchedPercentileBalance.value < 0 }?.year,
            totalPayouts: FundDistribution.of(payouts),
            meanDefaults: Double(defaults.reduce(0, +)) / Double(paths))
    }

    /// The result in Chinese, one line a fact.
    public var lines: [String] {
        var out = years.map { y in
            "第 \(y.year) 年末余额：均值\(y.balance.mean.yuanText)，P5 \(y.balance.p5.yuanText)，P50 \(y.balance.p50.yuanText)，P95 \(y.balance.p95.yuanText)"
        }
        out.append("资金耗尽概率（任一年末余额为负）：\(String(format: "%.1f", probabilityOfRunningDry * 100))%")
        out.append(dryYear.map { "按 P\(dryPercentile) 情景，第 \($0) 年末资金耗尽" } ?? "按 P\(dryPercentile) 情景，模拟期内资金不会耗尽")
        out.append("基金累计代偿：均值\(totalPayouts.mean.yuanText)，P95 \(totalPayouts.p95.yuanText)")
        return out
    }
}

/// Two versions side by side on the same draws.
public struct FundSimulationComparison: Sendable, Equatable {
    public var a: FundSimulationResult
    public var b: FundSimulationResult

    public var lines: [String] {
        var out: [String] = []
        for (ya, yb) in zip(a.years, b.years) {
            out.append("第 \(ya.year) 年末余额中位数：方案一\(ya.balance.p50.yuanText)，方案二\(yb.balance.p50.yuanText)，差额\((yb.balance.p50 - ya.balance.p50).yuanText)")
        }
        out.append("资金耗尽概率：方案一\(String(format: "%.1f", a.probabilityOfRunningDry * 100))%，方案二\(String(format: "%.1f", b.probabilityOfRunningDry * 100))%")
        out.append("累计代偿均值：方案一\(a.totalPayouts.mean.yuanText)，方案二\(b.totalPayouts.mean.yuanText)")
        return out
    }
}

/// A default on a traced path.
public struct FundTracedDefault: Sendable, Equatable {
    public var year: Int
    public var loan: Int
}

/// A claim paid on a traced path.
public struct FundTracedClaim: Sendable, Equatable {
    public var year: Int
    public var loan: Int
    public var compensation: Cents
    public var fundShare: Cents
    public var recoveryFundShare: Cents
    public var recoveryYear: Int?
}

/// One path for one version.
public struct FundPathTrace: Sendable, Equatable {
    public var defaults: [FundTracedDefault]
    public var claims: [FundTracedClaim]
    /// Year-end balances, year 1 first.
    public var balances: [Cents]
}
