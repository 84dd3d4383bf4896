/// A firm as the statistics see it: where it was registered on each day, what it is, and the standings it held.
public struct StatFirm: Hashable, Sendable, Codable {
    public var id: String
    /// GB/T 4754 code, as on the firm's profile.
    public var industry: String?
    /// `FirmSizeClass` raw value.
    public var size: String?
    /// The day it registered on the platform.
    public var registeredOn: Day
    /// Its districts, oldest first: each applies from its day (a move takes effect at the start of its day) until
    /// the next one's.
    public var districts: [DistrictSpell]
    /// Authorisations, commitments and listings, each with the days it held.
    public var standings: [StandingSpell]

    public init(id: String, industry: String? = nil, size: String? = nil, registeredOn: Day, districts: [DistrictSpell],
                standings: [StandingSpell] = []) {
        self.id = id; self.industry = industry; self.size = size; self.registeredOn = registeredOn
        self.districts = districts; self.standings = standings
    }

    /// The district on `day`: the latest spell begun on or before it; the first spell's before that.
    public func district(on day: Day) -> String? {
        districts.last { $0.from <= day }?.district ?? districts.first?.district
    }

    /// The firm's dimension values on `day`.
    public func dims(on day: Day) -> StatDims {
        StatDims(district: district(on: day), industry: industry, firmSize: size)
    }

    public func holds(_ standing: FirmStanding, on day: Day) -> Bool {
        standings.contains { $0.standing == standing && $0.covers(day) }
    }
}

public struct DistrictSpell: Hashable, Sendable, Codable {
    public var from: Day
    public var district: String
    public init(from: Day, district: String) { self.from = from; self.district = district }
}

/// What a firm can hold for a while and the platform counts as a stock.
public enum FirmStanding: String, CaseIterable, Sendable, Codable, Hashable {
    /// It authorised the platform to use its data (授权).
    case authorised
    /// It signed a credit commitment (信用承诺).
    case committed
    /// It is on a dishonesty list (失信名单).
    case listed

    var measure: StatMeasure {
        switch self {
        case .authorised: .firmsAuthorised
        case .committed: .firmsCommitted
        case .listed: .listedFirms
        }
    }
}

/// Held from `from` (included) until `until` (excluded; nil while it lasts).
public struct StandingSpell: Hashable, Sendable, Codable {
    public var standing: FirmStanding
    public var from: Day
    public var until: Day?

    public init(_ standing: FirmStanding, from: Day, until: Day? = nil) {
        self.standing = standing; self.from = from; self.until = until
    }

    public func covers(_ day: Day) -> Bool { from <= day && (until.map { day < $0 } ?? true) }
}

/// Days something was online, from `from` (included) until `until` (excluded).
public struct OnlineSpell: Hashable, Sendable, Codable {
    public var from: Day
    public var until: Day?
    public init(from: Day, until: Day? = nil) { self.from = from; self.until = until }
    public func covers(_ day: Day) -> Bool { from <= day && (until.map { day < $0 } ?? true) }
}

/// An institution and the days it was online.
public struct StatInstitution: Hashable, Sendable, Codable {
    public var id: String
    public var online: [OnlineSpell]
    public init(id: String, online: [OnlineSpell]) { self.id = id; self.online = online }
}

/// A financial product and the days it was on sale.
public struct StatProduct: Hashable, Sendable, Codable {
    public var id: String
    public var institution: String
    public var online: [OnlineSpell]
    public init(id: String, institution: String, online: [OnlineSpell]) {
        self.id = id; self.institution = institution; self.online = online
    }
}
