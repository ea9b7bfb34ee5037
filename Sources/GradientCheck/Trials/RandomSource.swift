import CGSL

/// A GSL Mersenne Twister (`gsl_rng_mt19937`, Matsumoto & Nishimura 1998; GSL Reference
/// Manual §18 "Random Number Generation", §20 "Random Number Distributions").
///
/// One generator per owner: a `gsl_rng` is not thread-safe, so this class is not `Sendable`.
@usableFromInline
final class RandomSource {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// - Parameter seed: GSL's mt19937 uses the low 32 bits; seed 0 is GSL's default 4357.
    @usableFromInline
    init(seed: UInt32) {
        _ = gslErrorHandlerOff
        guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else { fatalError("gsl_rng_alloc: out of memory") }
        self.rng = rng
        gsl_rng_set(rng, UInt(seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on `lower...upper` (`gsl_rng_uniform_int`).
    func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(gsl_rng_uniform_int(rng, UInt(range.count)))
    }

    /// 32 random bits (`gsl_rng_get`; mt19937's range is `0…2³² − 1`).
    @usableFromInline
    func word() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }

    /// Uniform on [0, 1) (`gsl_rng_uniform`).
    func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Normal with mean 0 and standard deviation `sigma` (`gsl_ran_gaussian`, Box–Muller).
    func gaussian(sigma: Double) -> Double { gsl_ran_gaussian(rng, sigma) }

    /// True with probability `p` (`gsl_ran_bernoulli`).
    func bernoulli(_ p: Double) -> Bool { gsl_ran_bernoulli(rng, p) == 1 }

    /// One element of `choices`, uniformly.
    func pick<T>(_ choices: [T]) -> T { choices[integer(in: 0...choices.count - 1)] }
}
