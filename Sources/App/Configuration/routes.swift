import Vapor

func routes(_ app: Application) throws {
    let authenticated = app.grouped(PrincipalMiddleware())
    let api = authenticated.grouped("api", "v1")
    OpsController().register(app, api: api)
    IngestController().register(api)
    EnterpriseController().register(api)
    ConsoleController().register(authenticated)
}
