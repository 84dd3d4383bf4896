import Domain
import Persistence
import Services
import Spreadsheet
import Vapor
import Views

/// The credit center's lists of the city's applications and loans (/console/applications, /console/loans), each with
/// filters, pages and a CSV export of what the filters select. Only the credit center sees them: an institution sees
/// its own in /bank, a firm its own in /firm.
struct OperatorMarketLists {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("applications", use: applications)
        console.get("applications.csv", use: applicationsCSV)
        console.get("loans", use: loans)
        console.get("loans.csv", use: loansCSV)
        console.get("demands", use: demands)
        console.get("demands.csv", use: demandsCSV)
    }

    /// The filters as asked; a malformed institution or day is refused with the field named.
    struct Asked {
        var filter: MarketFilter
        var query: [QueryItem]

        init(_ req: Request, extra: [String]) throws {
            func text(_ name: String) -> String? { req.query[String.self, at: name]?.trimmingSpaces().nonEmpty }
            func day(_ name: String, _ label: String) throws -> Day? {
                guard let value = text(name) else { return nil }
                guard let day = Day(iso: value) else { throw DomainError.invalidInput(field: label, reason: "应为 YYYY-MM-DD 格式的日期") }
                return day
            }
            let institution = try text("institution").map { try BoundedInteger.parse($0, field: "金融机构", in: 1...Int64.max) }
            filter = MarketFilter(text: text("q").map { String($0.prefix(100)) }, institutionID: institution,
                                  district: text("district"), from: try day("from", "申请日期从"), to: try day("to", "申请日期至"))
            query = (["q", "institution", "district", "from", "to"] + extra).map { QueryItem(name: $0, value: text($0) ?? "") }
        }

        /// The query string of the non-empty filters (for the export and the status links), with `replacing` set.
        func queryString(replacing name: String? = nil, with value: String? = nil) -> String {
            var items = query.filter { $0.name != name }
            if let name, let value { items.append(QueryItem(name: name, value: value)) }
            let pairs = items.filter { !$0.value.isEmpty }
                .map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
        }
    }

    func status(_ req: Request) throws -> ApplicationStatus? {
        guard let value = req.query[String.self, at: "status"]?.trimmingSpaces().nonEmpty else { return nil }
        guard let status = ApplicationStatus(rawValue: value) else {
            throw DomainError.invalidInput(field: "状态", reason: "应为 " + ApplicationStatus.allCases.map(\.label).joined(separator: "、") + " 之一")
        }
        return status
    }

    func institutionNames(_ req: Request) async throws -> [Int64: String] {
        Dictionary(try await req.accounts.institutions().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func options(_ req: Request, _ names: [Int64: String], _ filter: MarketFilter) -> (institutions: [SelectOption], districts: [SelectOption]) {
        (names.sorted { $0.key < $1.key }.map { SelectOption(value: String($0.key), label: $0.value, isSelected: $0.key == filter.institutionID) },
         Reference.districts(in: req.catalog).map { SelectOption(value: $0.0, label: $0.1, isSelected: $0.0 == filter.district) })
    }

    func applications(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["status"])
        let status = try status(req)
        let page = try await req.applicationStore.applications(asked.filter, status: status, paging: try req.paging(defaultPerPage: 50))
        let counts = try await req.applicationStore.statusCounts(asked.filter)
        let names = try await institutionNames(req)
        let (institutions, districts) = options(req, names, asked.filter)
        let model = OperatorApplicationsPage.Model(
            context: ConsoleController().context(req, principal, title: "贷款申请", active: "/console/applications"),
            statusCounts: ApplicationStatus.allCases.map { s in
                .init(status: s, count: counts[s] ?? 0, href: "/console/applications" + asked.queryString(replacing: "status", with: s.rawValue))
            },
            rows: page.items.map { a in
                .init(id: a.id, uscc: a.uscc, firmName: a.firmName, institutionName: names[a.institutionID] ?? "机构 #\(a.institutionID)",
                      productName: a.productName, amount: a.requestedAmount, termMonths: a.requestedTermMonths, status: a.state.status,
                      createdAt: a.createdAt, updatedAt: a.updatedAt)
            },
            total: page.total,
            filters: .init(text: asked.filter.text ?? "", institutions: institutions, districts: districts,
                           statuses: ApplicationStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, isSelected: $0 == status) },
                           from: asked.filter.from?.description ?? "", to: asked.filter.to?.description ?? ""),
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/applications", query: asked.query),
            exportHref: "/console/applications.csv" + asked.queryString())
        return Portal.html(OperatorApplicationsPage.render(model))
    }

    func applicationsCSV(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["status"])
        let rows = try await req.applicationStore.applications(asked.filter, status: try status(req), paging: nil).items
        let names = try await institutionNames(req)
        let table = [["申请编号", "统一社会信用代码", "企业名称", "金融机构", "产品", "申请金额（元）", "期限（月）", "状态", "提交时间", "最近办理时间"]]
            + rows.map { a in
                [String(a.id), a.uscc, a.firmName, names[a.institutionID] ?? String(a.institutionID), a.productName,
                 Format.yuanInput(a.requestedAmount), String(a.requestedTermMonths), a.state.status.label,
                 Format.dateTime(a.createdAt), Format.dateTime(a.updatedAt)]
            }
        return QuarantinePages.csv(CSVExport.text(table), name: "applications.csv")
    }

    func loanState(_ req: Request) throws -> (LoanStore.LoanState?, LoanClass?) {
        let state = try req.query[String.self, at: "state"]?.trimmingSpaces().nonEmpty.map { value in
            guard let state = LoanStore.LoanState(rawValue: value) else { throw DomainError.invalidInput(field: "状态", reason: "应为 在贷、逾期 或 已结清") }
            return state
        }
        let loanClass = try req.query[String.self, at: "class"]?.trimmingSpaces().nonEmpty.map { value in
            guard let loanClass = LoanClass(rawValue: value) else {
                throw DomainError.invalidInput(field: "五级分类", reason: "应为 " + LoanClass.allCases.map(\.label).joined(separator: "、") + " 之一")
            }
            return loanClass
        }
        return (state, loanClass)
    }

    static func stateLabel(_ state: LoanStore.LoanState) -> String {
        switch state {
        case .open: "在贷"
        case .overdue: "逾期"
        case .settled: "已结清"
        }
    }

    func loans(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["state", "class"])
        let (state, loanClass) = try loanState(req)
        let page = try await req.loanStore.loans(asked.filter, state: state, classification: loanClass, paging: try req.paging(defaultPerPage: 50))
        let totals = try await req.loanStore.totals(asked.filter, state: state, classification: loanClass)
        let names = try await institutionNames(req)
        let (institutions, districts) = options(req, names, asked.filter)
        let model = OperatorLoansPage.Model(
            context: ConsoleController().context(req, principal, title: "贷款", active: "/console/loans"),
            count: totals.count, outstanding: totals.outstanding, overdue: totals.overdue,
            rows: page.items.map { loan in
                let schedule = loan.ledger.schedule
                return .init(id: loan.id, applicationID: loan.applicationID, uscc: loan.uscc, firmName: loan.firmName,
                             institutionName: names[loan.institutionID] ?? "机构 #\(loan.institutionID)", productName: loan.productName,
                             principal: schedule.principal, rate: schedule.rate, termMonths: schedule.termMonths, disbursedOn: schedule.start,
                             outstanding: loan.outstanding, overdueDays: loan.overdueDays, classification: loan.classification, settled: loan.settled)
            },
            filters: .init(text: asked.filter.text ?? "", institutions: institutions, districts: districts,
                           states: LoanStore.LoanState.allCases.map { SelectOption(value: $0.rawValue, label: Self.stateLabel($0), isSelected: $0 == state) },
                           classes: LoanClass.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, isSelected: $0 == loanClass) }),
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/loans", query: asked.query),
            exportHref: "/console/loans.csv" + asked.queryString())
        return Portal.html(OperatorLoansPage.render(model))
    }

    func loansCSV(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["state", "class"])
        let (state, loanClass) = try loanState(req)
        let rows = try await req.loanStore.loans(asked.filter, state: state, classification: loanClass, paging: nil).items
        let names = try await institutionNames(req)
        let table = [["贷款编号", "申请编号", "统一社会信用代码", "企业名称", "金融机构", "产品", "本金（元）", "年利率", "期限（月）", "放款日",
                      "剩余本金（元）", "逾期天数", "五级分类", "状态"]]
            + rows.map { loan in
                let schedule = loan.ledger.schedule
                return [String(loan.id), String(loan.applicationID), loan.uscc, loan.firmName, names[loan.institutionID] ?? String(loan.institutionID),
                        loan.productName, Format.yuanInput(schedule.principal), Format.percent(schedule.rate), String(schedule.termMonths),
                        schedule.start.description, Format.yuanInput(loan.outstanding), String(loan.overdueDays), loan.classification.label,
                        loan.settled ? "已结清" : loan.overdueDays > 0 ? "逾期" : "还款中"]
            }
        return QuarantinePages.csv(CSVExport.text(table), name: "loans.csv")
    }

    // MARK: Demands

    func demandStatus(_ req: Request) throws -> DemandStatus? {
        guard let value = req.query[String.self, at: "status"]?.trimmingSpaces().nonEmpty else { return nil }
        guard let status = DemandStatus(rawValue: value) else {
            throw DomainError.invalidInput(field: "状态", reason: "应为 " + DemandStatus.allCases.map(\.label).joined(separator: "、") + " 之一")
        }
        return status
    }

    /// Each demand with its firm's name, its taker's and where its follow-up stands.
    func demandRows(_ req: Request, _ list: [FinancingDemand], _ names: [Int64: String]) async throws -> [OperatorDemandsPage.Row] {
        let steps = try await req.demandStore.followUps(demandIDs: list.filter { $0.takenBy != nil }.compactMap { Int64($0.id) })
        var firms: [String: String] = [:]
        for uscc in Set(list.map(\.uscc)) { firms[uscc] = try await req.registry.enterprise(uscc)?.name }
        return list.map { d in
            OperatorDemandsPage.Row(demand: d, firmName: firms[d.uscc] ?? d.uscc, institutionName: d.takenBy.flatMap { Int64($0) }.flatMap { names[$0] },
                                    progress: DemandProgress(demand: d, steps: Int64(d.id).flatMap { steps[$0] } ?? [],
                                                             rules: req.platform.policy.demandFollowUp, today: req.platform.clock.today))
        }
    }

    func demands(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["status"])
        let status = try demandStatus(req)
        let page = try await req.demandStore.demands(asked.filter, status: status, paging: try req.paging(defaultPerPage: 50))
        let counts = try await req.demandStore.statusCounts(asked.filter)
        let names = try await institutionNames(req)
        let (institutions, districts) = options(req, names, asked.filter)
        let model = OperatorDemandsPage.Model(
            context: ConsoleController().context(req, principal, title: "融资需求", active: "/console/demands"),
            statusCounts: DemandStatus.allCases.map { s in
                .init(status: s, count: counts[s] ?? 0, href: "/console/demands" + asked.queryString(replacing: "status", with: s.rawValue))
            },
            rows: try await demandRows(req, page.items, names),
            total: page.total,
            filters: .init(text: asked.filter.text ?? "", institutions: institutions, districts: districts,
                           statuses: DemandStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, isSelected: $0 == status) },
                           from: asked.filter.from?.description ?? "", to: asked.filter.to?.description ?? ""),
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/demands", query: asked.query),
            exportHref: "/console/demands.csv" + asked.queryString())
        return Portal.html(OperatorDemandsPage.render(model))
    }

    func demandsCSV(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        let asked = try Asked(req, extra: ["status"])
        let list = try await req.demandStore.demands(asked.filter, status: try demandStatus(req), paging: nil).items
        let rows = try await demandRows(req, list, try await institutionNames(req))
        let table = [["需求编号", "统一社会信用代码", "企业名称", "金额（元）", "期限（月）", "用途", "发布时间", "状态", "接单机构", "接单时间",
                      "最新进展", "联系期限", "是否逾期未联系"]]
            + rows.map { r in
                let d = r.demand
                let latest = r.progress.steps.last { $0.step != .taken }
                return [d.id, d.uscc, r.firmName, Format.yuanInput(Cents(d.amountCents)), String(d.termMonths), d.purpose,
                        Format.dateTime(d.publishedAt), d.status.label, r.institutionName ?? "", d.takenAt.map(Format.dateTime) ?? "",
                        latest.map { $0.step.label + ($0.note.isEmpty ? "" : "：\($0.note)") } ?? "",
                        r.progress.contactDeadline?.description ?? "", r.progress.contactOverdue ? "是" : "否"]
            }
        return QuarantinePages.csv(CSVExport.text(table), name: "demands.csv")
    }
}
