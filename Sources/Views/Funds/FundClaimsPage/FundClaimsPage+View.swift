import Domain

extension FundClaimsPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "补偿审核", subtitle: model.status.map { "状态：\($0.label)" }, actions: [
            .init("全部", href: "/console/fund/claims"),
        ] + [FundClaimStatus.filed, .verification, .approval, .publicity, .objected, .payment, .awaitingMaterial, .paid]
            .map { .init($0.label, href: "/console/fund/claims?status=\($0.rawValue)") }, [
            .table(FundCells.claimsTable(model.claims, base: "/console/fund/claims", today: model.today)),
            .pagination(model.pagination),
        ])
    }
}
