import Domain
extension CityGenerator {
    /// The demo city: Dalian's districts, with what names, addresses and document numbers need from them.
    struct District: Sendable {
        let code: String
        let name: String
        /// One-character abbreviation used in decision numbers (大甘市监罚…).
        let short: String
        /// Share of the city's enterprises.
        let weight: Double
        /// Share of the city's farmers' cooperatives.
        let cooperativeWeight: Double
        /// A county-level city (瓦房店市, 庄河市) or county: addresses omit "大连市".
        let isCountyLevel: Bool
        let streets: [String]
        let towns: [String]

        /// The district's basic people's court and its case-number code.
        var courtCode: String { "辽" + code.dropFirst(2) }
    }

    enum Dalian {
        static let cityCode = "210200"

        static let districts: [District] = [
            District(code: "210202", name: "中山区", short: "中", weight: 0.12, cooperativeWeight: 0, isCountyLevel: false,
                     streets: ["人民路", "中山路", "解放路", "五五路", "友好路", "鲁迅路", "延安路", "天津街", "港湾街", "七一街", "民生街", "上海路"],
                     towns: ["老虎滩街道", "桃源街道"]),
            District(code: "210203", name: "西岗区", short: "西", weight: 0.09, cooperativeWeight: 0, isCountyLevel: false,
                     streets: ["长江路", "黄河路", "新开路", "八一路", "北京街", "大同街", "胜利路", "五四路", "香炉礁街", "沿海街"],
                     towns: ["香炉礁街道", "白云街道"]),
            District(code: "210204", name: "沙河口区", short: "沙", weight: 0.13, cooperativeWeight: 0, isCountyLevel: false,
                     streets: ["西安路", "五一路", "西南路", "兴工街", "太原街", "成都街", "中山路", "高尔基路", "联合路", "长兴街"],
                     towns: ["黑石礁街道", "马栏街道"]),
            District(code: "210211", name: "甘井子区", short: "甘", weight: 0.22, cooperativeWeight: 0.06, isCountyLevel: false,
                     streets: ["华北路", "东北路", "山东路", "黄浦路", "红旗西路", "中华西路", "虹港路", "软件园路", "汇利街", "华南北路", "泉水路", "机场前街"],
                     towns: ["营城子街道", "大连湾街道", "辛寨子街道", "红旗街道"]),
            District(code: "210212", name: "旅顺口区", short: "旅", weight: 0.05, cooperativeWeight: 0.08, isCountyLevel: false,
                     streets: ["黄河路", "长江路", "井冈路", "登峰街", "顺乐街", "龙河路", "沿海路"],
                     towns: ["三涧堡街道", "水师营街道", "龙王塘街道", "铁山街道"]),
            District(code: "210213", name: "金州区", short: "金", weight: 0.18, cooperativeWeight: 0.14, isCountyLevel: false,
                     streets: ["辽河西路", "金马路", "东北大街", "友谊街", "站前街", "斯大林路", "五一路", "双D港路", "湾里路"],
                     towns: ["杏树街道", "七顶山街道", "向应街道", "华家街道", "石河街道"]),
            District(code: "210214", name: "普兰店区", short: "普", weight: 0.06, cooperativeWeight: 0.2, isCountyLevel: false,
                     streets: ["中长街", "南山路", "世纪路", "丰荣街", "铁西路", "建设路"],
                     towns: ["皮口街道", "城子坦街道", "安波街道", "墨盘街道", "星台街道", "大刘家街道"]),
            District(code: "210224", name: "长海县", short: "长海", weight: 0.01, cooperativeWeight: 0.1, isCountyLevel: true,
                     streets: ["金蛤大街", "海洋路", "渔港路"],
                     towns: ["大长山岛镇", "小长山岛镇", "广鹿岛镇", "獐子岛镇", "海洋岛镇"]),
            District(code: "210281", name: "瓦房店市", short: "瓦", weight: 0.08, cooperativeWeight: 0.22, isCountyLevel: true,
                     streets: ["共济街", "解放路", "西长春路", "新华路", "光明街", "东岗街", "祝华路"],
                     towns: ["复州城镇", "李官镇", "许屯镇", "万家岭镇", "得利寺镇", "老虎屯镇"]),
            District(code: "210283", name: "庄河市", short: "庄", weight: 0.06, cooperativeWeight: 0.2, isCountyLevel: true,
                     streets: ["黄海大街", "新华路", "人民路", "锦绣路", "城山路", "昌盛街"],
                     towns: ["青堆镇", "徐岭镇", "大郑镇", "光明山镇", "蓉花山镇", "石城乡"]),
        ]

        static let enterpriseDistricts = WeightedTable(districts.map(\.weight))
        static let cooperativeDistricts = WeightedTable(districts.map(\.cooperativeWeight))
        /// Individual businesses follow population rather than offices: a little less urban.
        static let individualDistricts = WeightedTable(districts.map { $0.weight + $0.cooperativeWeight * 0.3 })
    }

    /// Legal form of a market entity, with its USCC category prefix.
    enum EntityType: Int, Sendable, CaseIterable {
        case enterprise, individual, cooperative

        var label: String {
            switch self {
            case .enterprise: "企业"
            case .individual: "个体工商户"
            case .cooperative: "农民专业合作社"
            }
        }

        var usccPrefix: String {
            switch self {
            case .enterprise: "91"
            case .individual: "92"
            case .cooperative: "93"
            }
        }
    }

    /// Enterprise size class (大中小微企业划型).
    enum Scale: Int, Sendable, CaseIterable {
        case micro, small, medium, large

        var label: String {
            switch self {
            case .micro: "微型"
            case .small: "小型"
            case .medium: "中型"
            case .large: "大型"
            }
        }

        /// A rough multiplier for activity (tax, bills, court cases) relative to a micro firm.
        var activity: Double {
            switch self {
            case .micro: 1
            case .small: 8
            case .medium: 60
            case .large: 500
            }
        }

        /// Multiplier for how often a firm meets regulators and courts (sub-linear in size).
        var exposure: Double {
            switch self {
            case .micro: 0.7
            case .small: 1.2
            case .medium: 2
            case .large: 3.2
            }
        }
    }

    /// A section of GB/T 4754-2017 (国民经济行业分类).
    struct IndustrySection: Sendable {
        let letter: String
        let name: String
        let enterpriseWeight: Double
        let individualWeight: Double
        /// Words between 字号 and the company form in a firm name.
        let nameWords: [String]
        /// Shop words for individual businesses.
        let shopWords: [String]
        /// Tax per unit of activity relative to the average.
        let taxFactor: Double
        /// Electricity use relative to the average.
        let powerFactor: Double
        /// Headcount relative to the average of its size class.
        let staffFactor: Double
        /// Latent propensity to innovate (added to a logit).
        let innovation: Double
        /// Falls under environmental credit evaluation when of some size.
        let isIndustrial: Bool
    }

    enum Industries {
        static let sections: [IndustrySection] = [
            IndustrySection(letter: "A", name: "农、林、牧、渔业", enterpriseWeight: 0.025, individualWeight: 0.02,
                            nameWords: ["水产养殖", "海参养殖", "农业发展", "果业", "渔业", "生态农业", "苗木"],
                            shopWords: ["养殖场", "种植园", "海参圈"], taxFactor: 0.2, powerFactor: 0.6, staffFactor: 0.8, innovation: -1.2, isIndustrial: false),
            IndustrySection(letter: "B", name: "采矿业", enterpriseWeight: 0.003, individualWeight: 0,
                            nameWords: ["矿业", "石材", "矿产品"], shopWords: [], taxFactor: 2, powerFactor: 3, staffFactor: 1.3, innovation: -1, isIndustrial: true),
            IndustrySection(letter: "C", name: "制造业", enterpriseWeight: 0.11, individualWeight: 0.02,
                            nameWords: ["机械制造", "精密机械", "轴承", "船舶配件", "食品", "水产食品", "服装", "化工", "电子", "模具", "塑料制品", "机床", "阀门", "汽车零部件", "包装制品"],
                            shopWords: ["加工厂", "食品加工部", "印刷部"], taxFactor: 1.3, powerFactor: 3.5, staffFactor: 1.6, innovation: 0, isIndustrial: true),
            IndustrySection(letter: "D", name: "电力、热力、燃气及水生产和供应业", enterpriseWeight: 0.006, individualWeight: 0,
                            nameWords: ["热电", "能源", "燃气", "供热", "新能源"], shopWords: [], taxFactor: 2, powerFactor: 4, staffFactor: 1.2, innovation: -0.6, isIndustrial: true),
            IndustrySection(letter: "E", name: "建筑业", enterpriseWeight: 0.075, individualWeight: 0,
                            nameWords: ["建筑工程", "建设工程", "装饰工程", "市政工程", "钢结构工程", "安装工程"],
                            shopWords: [], taxFactor: 1.2, powerFactor: 0.8, staffFactor: 1.5, innovation: -1, isIndustrial: false),
            IndustrySection(letter: "F", name: "批发和零售业", enterpriseWeight: 0.30, individualWeight: 0.55,
                            nameWords: ["商贸", "贸易", "经贸", "国际贸易", "海产品贸易", "建材", "五金机电", "医药", "食品销售", "汽车销售"],
                            shopWords: ["便利店", "超市", "商店", "五金店", "水果店", "烟酒店", "服装店", "建材商行", "海鲜批发部", "粮油店"],
                            taxFactor: 1, powerFactor: 0.7, staffFactor: 0.7, innovation: -1.4, isIndustrial: false),
            IndustrySection(letter: "G", name: "交通运输、仓储和邮政业", enterpriseWeight: 0.055, individualWeight: 0.04,
                            nameWords: ["物流", "国际物流", "货运代理", "运输", "仓储", "船务", "国际船舶代理"],
                            shopWords: ["货物运输部", "搬家服务部"], taxFactor: 0.9, powerFactor: 0.8, staffFactor: 1.1, innovation: -1.1, isIndustrial: false),
            IndustrySection(letter: "H", name: "住宿和餐饮业", enterpriseWeight: 0.035, individualWeight: 0.2,
                            nameWords: ["餐饮管理", "酒店管理", "海鲜酒楼", "餐饮"],
                            shopWords: ["饭店", "面馆", "烧烤店", "饺子馆", "海鲜饭店", "小吃部", "家常菜馆"],
                            taxFactor: 0.7, powerFactor: 1.6, staffFactor: 1.2, innovation: -1.8, isIndustrial: false),
            IndustrySection(letter: "I", name: "信息传输、软件和信息技术服务业", enterpriseWeight: 0.065, individualWeight: 0,
                            nameWords: ["信息技术", "软件技术", "网络科技", "数据科技", "智能科技"],
                            shopWords: [], taxFactor: 1.1, powerFactor: 0.6, staffFactor: 1, innovation: 0.4, isIndustrial: false),
            IndustrySection(letter: "J", name: "金融业", enterpriseWeight: 0.008, individualWeight: 0,
                            nameWords: ["融资担保", "小额贷款", "保险代理"], shopWords: [], taxFactor: 2.5, powerFactor: 0.5, staffFactor: 0.9, innovation: -0.8, isIndustrial: false),
            IndustrySection(letter: "K", name: "房地产业", enterpriseWeight: 0.035, individualWeight: 0,
                            nameWords: ["房地产开发", "置业", "物业管理", "房地产经纪"], shopWords: [], taxFactor: 2.5, powerFactor: 0.6, staffFactor: 0.9, innovation: -1.6, isIndustrial: false),
            IndustrySection(letter: "L", name: "租赁和商务服务业", enterpriseWeight: 0.13, individualWeight: 0,
                            nameWords: ["企业管理咨询", "商务信息咨询", "广告", "人力资源", "会展服务", "旅行社", "设备租赁", "投资咨询"],
                            shopWords: [], taxFactor: 0.9, powerFactor: 0.4, staffFactor: 0.8, innovation: -1, isIndustrial: false),
            IndustrySection(letter: "M", name: "科学研究和技术服务业", enterpriseWeight: 0.085, individualWeight: 0,
                            nameWords: ["科技", "检测技术", "工程设计", "生物科技", "新材料科技", "环保科技", "技术服务", "工程技术"],
                            shopWords: [], taxFactor: 1, powerFactor: 0.7, staffFactor: 0.9, innovation: 0.6, isIndustrial: false),
            IndustrySection(letter: "N", name: "水利、环境和公共设施管理业", enterpriseWeight: 0.012, individualWeight: 0,
                            nameWords: ["环境工程", "园林绿化", "环卫服务"], shopWords: [], taxFactor: 0.8, powerFactor: 0.8, staffFactor: 1.2, innovation: -0.8, isIndustrial: false),
            IndustrySection(letter: "O", name: "居民服务、修理和其他服务业", enterpriseWeight: 0.025, individualWeight: 0.15,
                            nameWords: ["家政服务", "汽车维修", "洗涤服务", "美容美发"],
                            shopWords: ["理发店", "美容院", "汽车修理部", "洗衣店", "家政服务部", "开锁店", "手机维修部"],
                            taxFactor: 0.6, powerFactor: 0.7, staffFactor: 0.8, innovation: -1.8, isIndustrial: false),
            IndustrySection(letter: "P", name: "教育", enterpriseWeight: 0.008, individualWeight: 0,
                            nameWords: ["教育科技", "职业技能培训", "教育咨询"], shopWords: [], taxFactor: 0.7, powerFactor: 0.6, staffFactor: 1, innovation: -0.8, isIndustrial: false),
            IndustrySection(letter: "Q", name: "卫生和社会工作", enterpriseWeight: 0.007, individualWeight: 0,
                            nameWords: ["医疗管理", "养老服务", "健康管理"], shopWords: [], taxFactor: 0.8, powerFactor: 1, staffFactor: 1.2, innovation: -0.6, isIndustrial: false),
            IndustrySection(letter: "R", name: "文化、体育和娱乐业", enterpriseWeight: 0.016, individualWeight: 0.02,
                            nameWords: ["文化传媒", "影视文化", "体育发展", "文化传播"], shopWords: ["棋牌室", "图文快印部"], taxFactor: 0.8, powerFactor: 0.7, staffFactor: 0.8, innovation: -0.9, isIndustrial: false),
            IndustrySection(letter: "S", name: "公共管理、社会保障和社会组织", enterpriseWeight: 0, individualWeight: 0,
                            nameWords: ["社会服务"], shopWords: [], taxFactor: 0.5, powerFactor: 0.5, staffFactor: 1, innovation: -2, isIndustrial: false),
            IndustrySection(letter: "T", name: "国际组织", enterpriseWeight: 0, individualWeight: 0,
                            nameWords: ["国际合作"], shopWords: [], taxFactor: 0.5, powerFactor: 0.5, staffFactor: 1, innovation: -2, isIndustrial: false),
        ]

        static let enterpriseTable = WeightedTable(sections.map(\.enterpriseWeight))
        static let individualTable = WeightedTable(sections.map(\.individualWeight))
        static let agriculture = 0
        static let letters: [String] = sections.map(\.letter)

        static func index(of letter: String) -> Int { letters.firstIndex(of: letter) ?? agriculture }
    }
}
