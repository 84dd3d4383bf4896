import Domain
extension CityGenerator {
    /// Identifier schemes of the demo data, each with its real check-character rule.
    enum IDNumbers {
        // MARK: Resident ID numbers (GB 11643-1999)

        static let residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        static let residentChecks: [Character] = Array("10X98765432")

        /// Region codes of Dalian residents: today's districts and, for older people, the pre-1985 counties.
        static let currentRegions = ["210202", "210203", "210204", "210211", "210212", "210213", "210214", "210224", "210281", "210283"]
        static let formerRegions = ["210219", "210221", "210222", "210225", "210201"]

        /// The check character of a 17-digit body, or nil when the body is not 17 digits.
        static func residentCheck(_ body: String) -> Character? {
            let digits = body.utf8.map { Int($0) - 48 }
            guard digits.count == 17, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
            var sum = 0
            for (d, w) in zip(digits, residentWeights) { sum += d * w }
            return residentChecks[sum % 11]
        }

        /// A plausible 18-character ID number for a person born on `birth`; odd sequence digit for men.
        static func resident(birth: CivilDay, male: Bool, _ rng: inout Xoshiro256) -> String {
            let region = birth.year < 1985 && rng.chance(0.25) ? rng.pick(formerRegions) : rng.pick(currentRegions)
            let c = birth.components
            var sequence = rng.int(0...99) * 10 + rng.int(0...4) * 2
            if male { sequence += 1 }
            let body = region + pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + pad(sequence, 3)
            return body + String(residentCheck(body) ?? "0")
        }

        // MARK: Organisation codes (GB 11714-1997) and USCC bodies

        static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

        /// The check character of an 8-digit organisation code.
        static func organisationCheck(_ digits: [Int]) -> Character {
            var sum = 0
            for (d, w) in zip(digits, organisationWeights) { sum += d * w }
            let c = 11 - sum % 11
            return c == 10 ? "X" : (c == 11 ? "0" : Character(String(c)))
        }

        /// Positions 9–17 of a USCC: an old organisation code for firms registered before the 2016 switch,
        /// "MA0"/"MA1" and six characters after it. Both are bijections of `serial` (a multiplier coprime to
        /// the size of the code space), so distinct firms never clash.
        static func organisationPart(serial: Int, modern: Bool, later: Bool = false) -> String {
            if modern {
                let space = 887_503_681  // 31^6; 3^18 is coprime to 31
                var n = (serial &* 387_420_489 &+ 12_345) % space
                var chars = [Character](repeating: "0", count: 6)
                for i in stride(from: 5, through: 0, by: -1) {
                    chars[i] = USCC.alphabet[n % 31]
                    n /= 31
                }
                return (later ? "MA1" : "MA0") + String(chars)
            }
            // 10^8 codes; 73_939_133 is coprime to 10.
            var n = (serial &* 73_939_133 &+ 20_000_000) % 100_000_000
            var digits = [Int](repeating: 0, count: 8)
            for i in stride(from: 7, through: 0, by: -1) {
                digits[i] = n % 10
                n /= 10
            }
            return digits.map(String.init).joined() + String(organisationCheck(digits))
        }

        // MARK: Patent numbers (CNIPA application numbers since 2003)

        /// `ZL` + 4-digit year + kind digit (1 invention, 2 utility model, 3 design) + 7-digit serial + "." + check.
        static func patent(year: Int, kindDigit: Int, serial: Int) -> String {
            let body = pad(year, 4) + String(kindDigit) + pad(serial % 10_000_000, 7)
            var sum = 0
            let weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
            for (ch, w) in zip(body.utf8, weights) { sum += (Int(ch) - 48) * w }
            let check = sum % 11
            return "ZL" + body + "." + (check == 10 ? "X" : String(check))
        }

        /// Zero-padded decimal.
        static func pad(_ value: Int, _ width: Int) -> String {
            let s = String(value)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
    }
}
