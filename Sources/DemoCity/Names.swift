extension CityGenerator {
    /// Chinese names for people, firms and places, drawn the way Dalian's registers look.
    enum Names {
        /// Surnames with rough frequencies in Liaoning (Shandong roots show: 于, 姜, 曲, 隋, 宫).
        static let surnames: [(String, Double)] = [
            ("王", 9), ("李", 8), ("张", 8), ("刘", 7), ("孙", 4.5), ("于", 4), ("赵", 3.5), ("杨", 3.2), ("陈", 3),
            ("姜", 2.6), ("徐", 2.4), ("高", 2.3), ("周", 2), ("吴", 1.8), ("宋", 1.8), ("马", 1.7), ("董", 1.6),
            ("曲", 1.4), ("林", 1.4), ("郭", 1.3), ("隋", 1), ("孟", 1.1), ("邹", 0.9), ("宫", 0.8), ("谭", 0.8),
            ("韩", 1.2), ("冯", 1), ("曹", 0.9), ("许", 0.9), ("田", 0.9), ("丁", 0.8), ("邵", 0.7), ("吕", 0.8),
            ("崔", 0.9), ("秦", 0.6), ("范", 0.7), ("盛", 0.4), ("鞠", 0.5), ("车", 0.4), ("毕", 0.5), ("迟", 0.5),
            ("夏", 0.6), ("贾", 0.6), ("蒋", 0.6), ("梁", 0.7), ("常", 0.5), ("潘", 0.5), ("白", 0.5), ("袁", 0.5),
        ]
        static let surnameTable = WeightedTable(surnames.map(\.1))

        static let maleGiven: [String] = Array("伟强磊军勇杰涛斌超明刚平辉鹏波鑫宇浩凯健俊帅亮峰龙东海林建国志文成立福宝庆春宏晨阳博义德永胜金利")
            .map(String.init)
        static let femaleGiven: [String] = Array("芳娜敏静丽艳娟霞燕玲婷雪琳颖红梅莉倩欣晶丹洁雅慧佳月秀华英玉萍桂兰凤琴岩微")
            .map(String.init)

        /// Characters firms choose their 字号 (trade name) from.
        static let tradeSyllables: [String] = Array(
            "华海盛鑫达远通恒泰源丰瑞宏兴隆金诚信德顺嘉博创联星辰宇航腾飞龙凯富祥安康和平新永昌荣鼎汇佳益利东北辽连滨港湾蓝天正明光晟旭日昊宸锦程铭盈洋波帆润泽禾晖睿智臻骏铁弘恩成久业邦益振奥亿万众合力"
        ).map(String.init)

        static let cooperativeProducts: [String: [String]] = [
            "210211": ["蔬菜种植", "樱桃种植", "草莓种植"],
            "210212": ["樱桃种植", "海产品养殖", "葡萄种植"],
            "210213": ["樱桃种植", "葡萄种植", "蔬菜种植", "生猪养殖"],
            "210214": ["蔬菜种植", "肉牛养殖", "花卉种植", "食用菌"],
            "210224": ["海参养殖", "扇贝养殖", "海产品养殖"],
            "210281": ["苹果种植", "黄桃种植", "蔬菜种植", "生猪养殖"],
            "210283": ["蓝莓种植", "草莓种植", "食用菌", "海参养殖", "肉鸡养殖"],
        ]

        static let villageSuffixes = ["村", "屯", "家村"]

        /// A person's full name; two-character given names are the most common.
        static func person(male: Bool, _ rng: inout Xoshiro256) -> String {
            let surname = surnames[surnameTable.draw(&rng)].0
            let pool = male ? maleGiven : femaleGiven
            let first = rng.pick(pool)
            if rng.chance(0.3) { return surname + first }
            var second = rng.pick(pool)
            while second == first { second = rng.pick(pool) }
            return surname + first + second
        }

        /// A 字号 of `length` characters (no character repeated).
        static func tradeName(length: Int, _ rng: inout Xoshiro256) -> String {
            var chosen: [String] = []
            while chosen.count < length {
                let s = rng.pick(tradeSyllables)
                if !chosen.contains(s) { chosen.append(s) }
            }
            return chosen.joined()
        }

        /// A firm name; `attempt` > 0 asks for a rarer form after a name clash.
        static func firm(type: EntityType, scale: Scale, section: IndustrySection, district: District,
                         attempt: Int, _ rng: inout Xoshiro256) -> String {
            let trade = tradeName(length: attempt < 3 ? 2 : 3, &rng)
            switch type {
            case .individual:
                let shop = section.shopWords.isEmpty ? "经营部" : rng.pick(section.shopWords)
                if rng.chance(0.15) {
                    let surname = surnames[surnameTable.draw(&rng)].0
                    return district.name + (rng.chance(0.5) ? "老" + surname : surname + "记") + shop
                }
                return district.name + trade + shop
            case .cooperative:
                let products = cooperativeProducts[district.code] ?? ["蔬菜种植"]
                let town = rng.chance(0.5) ? rng.pick(district.towns) : ""
                return district.name + town + trade + rng.pick(products) + "专业合作社"
            case .enterprise:
                let word = rng.pick(section.nameWords)
                let prefix: String
                if district.isCountyLevel, rng.chance(0.6) {
                    prefix = district.name
                } else {
                    prefix = "大连"
                }
                let form: String
                switch scale {
                case .large: form = rng.chance(0.4) ? "集团有限公司" : (rng.chance(0.5) ? "股份有限公司" : "有限公司")
                case .medium: form = rng.chance(0.2) ? "股份有限公司" : "有限公司"
                default: form = rng.chance(0.1) ? "有限责任公司" : "有限公司"
                }
                if rng.chance(0.05) { return trade + "（大连）" + word + form }
                return prefix + trade + word + form
            }
        }

        /// A postal address in the district; farms and cooperatives sit in villages.
        static func address(district: District, rural: Bool, _ rng: inout Xoshiro256) -> String {
            let head = district.isCountyLevel ? "辽宁省" + district.name : "辽宁省大连市" + district.name
            if rural {
                let village = rng.pick(tradeSyllables) + rng.pick(villageSuffixes)
                return head + rng.pick(district.towns) + village + (rng.chance(0.5) ? "\(rng.int(1...300))号" : "")
            }
            let street = rng.pick(district.streets)
            let number = rng.chance(0.7) ? rng.int(1...220) : rng.int(221...999)
            switch rng.below(5) {
            case 0: return head + street + "\(number)号"
            case 1: return head + street + "\(number)号\(rng.int(1...30))层"
            case 2: return head + street + "\(number)-\(rng.int(1...12))号"
            case 3: return head + street + "\(number)号\(rng.int(1...6))单元\(rng.int(1...28))层\(rng.int(1...6))号"
            default: return head + street + "\(number)号\(rng.int(1...25))\(IDNumbers.pad(rng.int(1...20), 2))室"
            }
        }
    }
}
