import Domain

/// The fund simulator for the finance bureau (/console/fund/simulate): the fund's covered book projected over N years
/// under its rules (and another scheme's, side by side on the same draws).
public enum FundSimulatorPage {
    public struct Run: Sendable, Equatable {
        public var label: String
        public var result: FundSimulationResult
        public init(label: String, result: FundSimulationResult) { self.label = label; self.result = result }
    }

    public struct Form: Sendable, Equatable {
        public var scheme: String
        public var compareWith: String
        public var paths: Int
        public var years: Int
        public var injectionYuan: String
        public var recoveryPercent: Int
        /// A changed rule of the fund itself, simulated beside it: a flat share (%), a per-loan cap and a per-institution
        /// cap (元); empty: unchanged.
        public var variantSharePercent: String = ""
        public var variantPerLoanCapYuan: String = ""
        public var variantPerInstitutionCapYuan: String = ""
        public init(scheme: String, compareWith: String = "", paths: Int = 2_000, years: Int = 3, injectionYuan: String = "",
                    recoveryPercent: Int = 20) {
            self.scheme = scheme; self.compareWith = compareWith; self.paths = paths; self.years = years
            self.injectionYuan = injectionYuan; self.recoveryPercent = recoveryPercent
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var programmes: [FundProgramme]
        public var templates: [FundScheme]
        public var form: Form
        public var loans: Int
        public var startingBalance: Cents
        public var runs: [Run]
        public init(context: PageContext, programmes: [FundProgramme], templates: [FundScheme], form: Form, loans: Int,
                    startingBalance: Cents, runs: [Run]) {
            self.context = context; self.programmes = programmes; self.templates = templates; self.form = form
            self.loans = loans; self.startingBalance = startingBalance; self.runs = runs
        }
    }
}
