/// Where a coupon is attached: an application (redeemed at its disbursement), or a draw of a revolving line (the ledger
/// row's id; attached and redeemed in the draw's unit of work).
public enum CouponTarget: Sendable, Equatable, Hashable, Codable {
    case application(Int64)
    case draw(Int64)

    /// The stored kind (`application`, `draw`).
    public var kind: String {
        switch self {
        case .application: "application"
        case .draw: "draw"
        }
    }

    public var id: Int64 {
        switch self {
        case .application(let id), .draw(let id): id
        }
    }

    public init?(kind: String, id: Int64) {
        switch kind {
        case "application": self = .application(id)
        case "draw": self = .draw(id)
        default: return nil
        }
    }

    /// `融资申请 #7`, `循环额度提款 #12`.
    public var label: String {
        switch self {
        case .application(let id): "融资申请 #\(id)"
        case .draw(let id): "循环额度提款 #\(id)"
        }
    }
}

/// A coupon's state. Issued coupons are held by the firm; attached to an application they wait for its disbursement,
/// where they are redeemed (or go back to held when the budget is used up); the bank's settlement claims settle them.
/// A held or attached coupon whose expiry day has passed is expired — decided at read time (`Coupon.status(on:)`), so
/// nothing depends on a job having run; the daily job records it (stored status and a log entry).
public enum CouponStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case held, attached, redeemed, settled, expired

    public var label: String {
        switch self {
        case .held: "持有"
        case .attached: "已绑定申请"
        case .redeemed: "已核销"
        case .settled: "已结算"
        case .expired: "已过期"
        }
    }
}

/// What redemption at disbursement fixed: the loan, the rate before and after, and what the budget was charged. On a
/// revolving line's draw: the line and the draw instead of the loan and application (which are then 0).
public struct CouponRedemption: Sendable, Equatable, Codable {
    public var loanID: Int64
    public var applicationID: Int64
    /// The revolving line and its draw (ledger row) the coupon was redeemed on, and the draw's amount.
    public var lineID: Int64?
    public var drawID: Int64?
    public var drawAmount: Cents?
    public var institutionID: Int64
    public var disbursedOn: Day
    /// The rate the institution approved (合同利率 before the coupon).
    public var contractRate: AnnualRate
    /// The loan's rate after the coupon (its schedule's rate).
    public var rate: AnnualRate
    /// The interest forgone over the full schedule at disbursement (`CouponInterest.estimate`), charged to the budget.
    public var estimatedCost: Cents
    /// An interest-share coupon's cap over the loan; nil for a rate cut.
    public var cap: Cents?

    public init(loanID: Int64, applicationID: Int64, institutionID: Int64, disbursedOn: Day, contractRate: AnnualRate,
                rate: AnnualRate, estimatedCost: Cents, cap: Cents?) {
        self.loanID = loanID; self.applicationID = applicationID; self.institutionID = institutionID
        self.disbursedOn = disbursedOn; self.contractRate = contractRate; self.rate = rate
        self.estimatedCost = estimatedCost; self.cap = cap
    }

    /// A redemption on draw `drawID` of line `lineID`: the line's rate before and after the cut.
    public static func onDraw(lineID: Int64, drawID: Int64, amount: Cents, institutionID: Int64, drawnOn: Day, lineRate: AnnualRate,
                              cutBasisPoints: Int, estimatedCost: Cents, cap: Cents?) -> CouponRedemption {
        var r = CouponRedemption(loanID: 0, applicationID: 0, institutionID: institutionID, disbursedOn: drawnOn, contractRate: lineRate,
                                 rate: AnnualRate(basisPoints: lineRate.basisPoints - cutBasisPoints), estimatedCost: estimatedCost, cap: cap)
        r.lineID = lineID; r.drawID = drawID; r.drawAmount = amount
        return r
    }

    public var cutBasisPoints: Int { contractRate.basisPoints - rate.basisPoints }

    /// Where it was redeemed: `贷款 #3` or `循环额度 #2 提款 #12`.
    public var placeLabel: String {
        if let lineID, let drawID { return "循环额度 #\(lineID) 提款 #\(drawID)" }
        return "贷款 #\(loanID)"
    }
}

/// One coupon in a firm's wallet.
public struct Coupon: Sendable, Equatable, Codable {
    public var id: Int64
    public var programmeID: Int64
    public var programmeCode: String
    /// The version it was issued under: its face value, products and expiry stay those of that version.
    public var version: Int
    public var uscc: String
    public var firmName: String
    public var face: CouponFace
    public var issuedOn: Day
    public var expiresOn: Day
    /// The stored status (see `status(on:)` for expiry).
    public var storedStatus: CouponStatus
    public var target: CouponTarget?
    public var redemption: CouponRedemption?
    /// What settlement claims accepted so far.
    public var settled: Cents

    public init(id: Int64 = 0, programmeID: Int64, programmeCode: String, version: Int, uscc: String, firmName: String,
                face: CouponFace, issuedOn: Day, expiresOn: Day, storedStatus: CouponStatus = .held, target: CouponTarget? = nil,
                redemption: CouponRedemption? = nil, settled: Cents = .zero) {
        self.id = id; self.programmeID = programmeID; self.programmeCode = programmeCode; self.version = version
        self.uscc = uscc; self.firmName = firmName; self.face = face; self.issuedOn = issuedOn; self.expiresOn = expiresOn
        self.storedStatus = storedStatus; self.target = target; self.redemption = redemption; self.settled = settled
    }

    /// The status on `day`: held or attached past the expiry day is expired.
    public func status(on day: Day) -> CouponStatus {
        if (storedStatus == .held || storedStatus == .attached), day > expiresOn { return .expired }
        return storedStatus
    }

    /// The coupon number shown to people: `XYQ-000123`.
    public var number: String {
        let digits = String(id)
        return "XYQ-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// What a loan records of the coupon redeemed on it: which, the rate before and after, the face value.
public struct LoanCoupon: Sendable, Equatable, Codable {
    public var couponID: Int64
    public var number: String
    public var programmeCode: String
    public var face: CouponFace
    public var contractRate: AnnualRate
    public var rate: AnnualRate
    public var estimatedCost: Cents

    public init(couponID: Int64, number: String, programmeCode: String, face: CouponFace, contractRate: AnnualRate, rate: AnnualRate,
                estimatedCost: Cents) {
        self.couponID = couponID; self.number = number; self.programmeCode = programmeCode; self.face = face
        self.contractRate = contractRate; self.rate = rate; self.estimatedCost = estimatedCost
    }

    /// `信用券 XYQ-000001：合同利率 4.20%，券后 4.00%`.
    public var text: String { "信用券 \(number)（\(face.label)）：合同利率 \(contractRate.percentText)，券后 \(rate.percentText)" }
}
