/// Where training is: the current epoch's batch plan and the position in it. Guest and host each keep one and
/// check every message's step against it.
struct BatchCursor: Sendable {
    let config: HeteroLRConfig
    let rows: Int
    private(set) var epoch = 0
    private(set) var index = 0
    private var plan: [[Int]]

    init(config: HeteroLRConfig, rows: Int) {
        self.config = config
        self.rows = rows
        plan = config.batches(rows: rows, epoch: 0)
    }

    var isFinished: Bool { epoch >= config.epochs }
    var step: HeteroLRStep { HeteroLRStep(epoch: epoch, batch: index) }
    var batch: [Int] { plan[index] }

    mutating func advance() {
        index += 1
        if index == plan.count {
            epoch += 1
            index = 0
            if !isFinished { plan = config.batches(rows: rows, epoch: epoch) }
        }
    }

    func check(_ got: HeteroLRStep, message: String) throws {
        guard !isFinished, got == step else {
            throw JointModelError.unexpectedMessage(expected: isFinished ? "训练已结束" : "\(message) \(step)", got: "\(message) \(got)")
        }
    }
}
