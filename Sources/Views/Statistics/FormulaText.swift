import Domain

/// How an indicator is computed, in Chinese, written from its formula (the one implementation), so the glossary
/// can never disagree with the figures.
enum FormulaText {
    static func describe(_ formula: IndicatorFormula) -> String {
        switch formula {
        case .count(let operand):
            return "\(scope(operand))：\(name(operand))"
        case .sum(let operand):
            return "\(scope(operand))金额：\(name(operand))"
        case .ratio(let numerator, let denominator):
            return "\(name(numerator)) ÷ \(name(denominator))，以百分比表示；分母为零时不计算"
        case .average(let total, let count):
            return "\(name(total)) ÷ \(name(count))，四舍五入；分母为零时不计算"
        case .weightedAverage(let weighted, let weights, _):
            return "\(name(weighted)) ÷ \(name(weights))（按金额加权的平均数）；分母为零时不计算"
        case .percentile(let duration, let p):
            let which = p == 50 ? "中位数" : "第\(p)百分位数"
            return "\(label(duration))的\(which)（最近秩法）；无观测时不计算"
        case .change(let code):
            let compared = IndicatorCatalog.indicator(code)?.name ?? code
            return "本期\(compared)减去比较期（默认上一个同长度期间）\(compared)；任一期无值时不计算"
        }
    }

    /// Stocks are read on the period's last day, flows summed over its days, distinct counts counted once.
    static func scope(_ operand: StatOperand) -> String {
        switch operand {
        case .measure(let m): m.isStock ? "期末存量" : "期内合计"
        case .total(let ms): ms.allSatisfy(\.isStock) ? "期末存量" : "期内合计"
        case .distinct: "期内去重计数（同一对象只计一次）"
        case .observations: "期内观测数"
        }
    }

    static func name(_ operand: StatOperand) -> String {
        switch operand {
        case .measure(let m): label(m)
        case .total(let ms): ms.map(label).joined(separator: "＋")
        case .distinct(let d): label(d)
        case .observations(let d): "\(label(d))的观测数"
        }
    }

    static func label(_ measure: StatMeasure) -> String {
        switch measure {
        case .firmsRegistered: "注册企业户数"
        case .firmsNewlyRegistered: "新注册企业户数"
        case .firmsAuthorised: "有效授权企业户数"
        case .firmsCommitted: "已签署信用承诺企业户数"
        case .institutionsOnline: "上线金融机构个数"
        case .productsOnline: "上架金融产品个数"
        case .datasetsExpected: "应归集数据集个数"
        case .recordsReceived: "收到记录条数"
        case .recordsRejected: "退回记录条数"
        case .demandsPublished: "发布需求笔数"
        case .demandAmount: "需求金额"
        case .demandsTaken: "已接单需求笔数"
        case .demandsFollowedUp: "已跟进需求笔数"
        case .demandsConverted: "转为贷款申请的需求笔数"
        case .demandsDeclined: "不予对接的需求笔数"
        case .demandsSatisfied: "已满足需求笔数"
        case .demandSatisfiedAmount: "需求满足金额"
        case .pushes: "推送次数"
        case .pushesContacted: "已对接推送次数"
        case .pushesDecidedWithin30Days: "30日内办结推送次数"
        case .applications: "贷款申请笔数"
        case .approvals: "审批通过笔数"
        case .autoApprovals: "自动审批通过笔数"
        case .creditLines: "授信笔数"
        case .creditLineAmount: "授信金额"
        case .loans: "放款笔数"
        case .loanAmount: "放款金额"
        case .creditLoans: "信用贷款笔数"
        case .creditLoanAmount: "信用贷款金额"
        case .firstLoanAmount: "首贷金额"
        case .renewals: "无还本续贷笔数"
        case .renewalAmount: "无还本续贷金额"
        case .loanAmountTimesRate: "Σ(放款金额×年利率)"
        case .balanceNormal: "正常类余额"
        case .balanceSpecialMention: "关注类余额"
        case .balanceSubstandard: "次级类余额"
        case .balanceDoubtful: "可疑类余额"
        case .balanceLoss: "损失类余额"
        case .overdueBalance: "逾期本息金额"
        case .overdueLoans: "逾期贷款笔数"
        case .alertsGreen: "绿色预警条数"
        case .alertsBlue: "蓝色预警条数"
        case .alertsYellow: "黄色预警条数"
        case .alertsOrange: "橙色预警条数"
        case .alertsRed: "红色预警条数"
        case .alertsHandled: "已处置预警条数"
        case .listedFirms: "失信名单在列企业户数"
        case .newListings: "新列入失信名单次数"
        case .claimsFiled: "补偿申请笔数"
        case .claimedAmount: "补偿申请金额"
        case .claimsPaid: "补偿拨付笔数"
        case .payoutAmount: "补偿拨付金额"
        }
    }

    static func label(_ distinct: StatDistinct) -> String {
        switch distinct {
        case .datasetsReceived: "已收到批次的应归集数据集"
        case .datasetsOnTime: "按时收到首个批次的应归集数据集"
        case .creditLineFirms: "获得授信的企业"
        case .loanFirms: "获得放款的企业"
        case .firstLoanFirms: "首贷企业"
        }
    }

    static func label(_ duration: StatDuration) -> String {
        switch duration {
        case .daysToTake: "发布至接单天数"
        case .daysApplicationToDisbursement: "申请至放款天数"
        case .daysToHandleAlert: "预警发出至处置天数"
        }
    }
}
