/// How a `GradientChecker` compares the analytic gradient with the numerical one
/// (`GradientChecker.check(_:seed:)`).
public enum CheckMode: Sendable, Equatable, Hashable, Codable {
    /// Every element against its own central difference: about `4·P` to `8·P` loss evaluations
    /// for `P` parameters (`GradientChecker.check(_:)`).
    case full
    /// Directional derivatives `gᵀu` along `directions` random signed directions `u` and the
    /// gradient direction `g/‖g‖`, each against GSL's central difference of `t ↦ L(θ + t·u)`:
    /// 4 to 8 loss evaluations per direction, whatever `P`. A check that is not a clean PASS is
    /// escalated to the full per-element check (`DirectionalCheck`).
    case fast(directions: Int)

    /// `k = 2` random directions: an error that exceeds a direction's allowed error in some
    /// element's share is missed by both with probability at most ¼, a single wrong element
    /// never, and an error along `g` is the gradient direction's (`DirectionalCheck`). A third
    /// random direction caught a catalogued mutant on 0 to 3 % more Float trials (and no more
    /// Double ones), for a third more loss evaluations.
    public static let defaultDirections = 2
    /// The most directions `--directions` accepts: beyond it the full check costs less for the
    /// small networks where one would ask for that many.
    public static let maxDirections = 64

    /// `full` or `fast`, as `--mode` spells it.
    public var name: String {
        switch self {
        case .full: return "full"
        case .fast: return "fast"
        }
    }
}
