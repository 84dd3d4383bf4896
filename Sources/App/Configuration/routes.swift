import Vapor

func routes(_ app: Application) throws {
    let authenticated = app.grouped(PrincipalMiddleware())
    let api = authenticated.grouped("api", "v1")
    OpsController().register(app, api: api)
    IngestController().register(api)
    EnterpriseController().register(api)
    MarketAPI().register(api)
    RemediesAPI().register(api)
    RecommendationsAPI().register(api)
    RiskAlertsAPI().register(api)
    LogController().register(api)
    ConsoleController().register(authenticated)
    OperatorAccounts().register(authenticated)
    OperatorMarket().register(authenticated)
    PublicPages().register(authenticated)
    FirmPortal().register(authenticated)
    RemedyPortals().register(authenticated)
    BankPortal().register(authenticated)
    RecommendationPortals().register(authenticated)
    RiskAlertPortals().register(authenticated)
}
