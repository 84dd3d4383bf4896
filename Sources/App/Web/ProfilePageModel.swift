import Domain
import Persistence
import Services
import Views

extension LoadedProfile {
    /// The profile page's model (the console, the firm's own page and a bank's credit report share it).
    func pageModel(uscc: String, context: PageContext, catalog: Catalog) -> EnterpriseProfilePage.Model {
        let reg = Dictionary(profile.registration.map { ($0.name, $0.display) }, uniquingKeysWith: { a, _ in a })
        let registration = profile.registered ? EnterpriseProfilePage.Registration(
            name: reg["name"] ?? "", uscc: uscc, entityType: reg["entity_type"] ?? "", legalRepresentative: reg["legal_rep"] ?? "",
            legalRepresentativeID: reg["legal_rep_id"], registeredCapitalWan: reg["reg_capital_wan"],
            establishedOn: reg["established_on"] ?? "", industryLabel: reg["industry"] ?? "",
            districtLabel: reg["district"] ?? "", scale: reg["scale"] ?? "",
            status: reg["status"] ?? "", address: reg["address"] ?? "") : nil
        let groups = profile.groups.map { group in
            EnterpriseProfilePage.RecordGroup(categoryName: group.name, records: group.records.map { record in
                EnterpriseProfilePage.Record(
                    date: record.date, datasetID: record.dataset, datasetName: record.datasetName,
                    fields: record.fields.filter { $0.name != "legal_rep_id" || record.dataset != Catalog.registrationDataset }
                        .map { field in
                            let type = catalog.dataset(record.dataset)?.field(named: field.name)?.type
                            let number = type == .amount || type == .integer ? Double(field.value) : nil
                            return EnterpriseProfilePage.Field(label: field.label, value: field.display, number: number)
                        },
                    sourceDepartment: record.source, collectedAt: record.collectedAt, versions: record.version,
                    tone: EnterpriseProfilePage.RecordTone(rawValue: record.tone.rawValue) ?? .neutral,
                    underObjection: record.underObjection)
            })
        }
        let withheld = profile.withheldDatasets.compactMap { catalog.dataset($0)?.name }
        let card = evaluation.map { shown in
            EnterpriseProfilePage.EvaluationCard(
                score: shown.isScoreWithheld ? nil : shown.score, grade: shown.grade, baseScore: shown.baseScore, asOf: shown.asOf,
                reasons: shown.explanation.map { .init(text: $0.text, points: $0.points, underObjection: $0.underObjection ?? false) },
                history: history.map { .init(date: $0.evaluatedAt, grade: $0.grade, score: $0.score) })
        }
        return EnterpriseProfilePage.Model(context: context, uscc: uscc, registration: registration, groups: groups,
                                           withheldDatasetNames: withheld, evaluation: card)
    }
}
