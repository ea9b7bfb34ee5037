extension TrialSpec {
    /// The site of a planted one-element error in this trial: a tensor drawn uniformly among
    /// θ's tensors (`W1, b1, …, W_L, b_L`), then one of its elements uniformly (flat index
    /// within the tensor). GSL's mt19937 on a stream of its own, seeded from `trialSeed` and
    /// "PLANT", so the trial's values and its fast-mode directions are not disturbed; the same
    /// spec always gives the same site.
    public func plantSite() -> (tensor: String, element: Int) {
        let rng = RandomSource(seed: TrialSeed.derive(UInt64(trialSeed) ^ 0x504C_414E_54, 0))
        let tensor = rng.pick(layout.tensors)
        return (tensor.name, rng.integer(in: 0...tensor.range.count - 1))
    }
}
