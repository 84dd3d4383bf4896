import Foundation

/// Both parties of a vertical-LR run in one process, every message passed through JSON as over the wire: for
/// tests and the benchmark. The real deployment runs `HeteroLRGuest` at the bank and `HeteroLRHost` at the center.
public struct HeteroLRLocalRun: Sendable {
    public let guestModel: HeteroLRGuestModel
    public let hostModel: HeteroLRHostModel
    /// Bytes of all messages, both directions.
    public let bytesExchanged: Int
    public let steps: Int

    public static func train(runId: String, guestFeatures: FeatureMatrix, labels: [Int], hostFeatures: FeatureMatrix,
                             config: HeteroLRConfig, guestKey: PaillierKeyPair? = nil, hostKey: PaillierKeyPair? = nil)
        throws -> HeteroLRLocalRun
    {
        var bytes = 0
        func wire<T: Codable>(_ value: T) throws -> T {
            let data = try JSONEncoder().encode(value)
            bytes += data.count
            return try JSONDecoder().decode(T.self, from: data)
        }
        var guest = try HeteroLRGuest(runId: runId, features: guestFeatures, labels: labels, config: config, keyPair: guestKey)
        var host = try HeteroLRHost(setup: try wire(guest.setup()), features: hostFeatures, keyPair: hostKey)
        try guest.receive(try wire(host.ready()))
        var steps = 0
        while let forward = try host.nextForward() {
            let guestForward = try guest.handle(try wire(forward))
            let hostBackward = try host.handle(try wire(guestForward))
            try host.handle(try wire(try guest.handle(try wire(hostBackward))))
            steps += 1
        }
        return HeteroLRLocalRun(guestModel: guest.model, hostModel: host.model, bytesExchanged: bytes, steps: steps)
    }
}
