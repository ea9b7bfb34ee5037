/// A row-major multi-index (`ElementResult.index`) held inline for ranks up to 2, every
/// tensor of this package's networks: a check makes one per gradient element, and an array of
/// its own for each would be a heap allocation, freed later on another thread, per element.
@usableFromInline
struct MultiIndex: Sendable, Equatable {
    @usableFromInline enum Storage: Sendable, Equatable {
        case rank0
        case rank1(Int)
        case rank2(Int, Int)
        case higher([Int])
    }

    @usableFromInline var storage: Storage

    @inlinable init(_ index: [Int]) {
        switch index.count {
        case 0: storage = .rank0
        case 1: storage = .rank1(index[0])
        case 2: storage = .rank2(index[0], index[1])
        default: storage = .higher(index)
        }
    }

    /// The multi-index of flat element `k` (0-based, `k < Π shape`) of a tensor of `shape`.
    @inlinable init(_ k: Int, shape: [Int]) {
        switch shape.count {
        case 0: storage = .rank0
        case 1: storage = .rank1(k)
        case 2: storage = .rank2(k / shape[1], k % shape[1])
        default:
            var rest = k
            var index = [Int](repeating: 0, count: shape.count)
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                index[d] = rest % shape[d]
                rest /= shape[d]
            }
            storage = .higher(index)
        }
    }

    @usableFromInline var array: [Int] {
        switch storage {
        case .rank0: []
        case .rank1(let i): [i]
        case .rank2(let i, let j): [i, j]
        case .higher(let index): index
        }
    }
}
