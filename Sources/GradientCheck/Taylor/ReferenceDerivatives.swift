import RealModule

/// A model's gradient and Hessian-vector product computed again by the same code in
/// `ReferenceScalar`, with a running error bound on each entry in that type
/// (`GradientCheckable.referenceDerivatives(along:)`).
///
/// A bug is in the code, so it is in these values too; what they lack is the dtype's rounding.
/// The Taylor test differentiates with them (`TaylorTest`): the remainders then see the code's
/// mathematics at `ReferenceScalar`'s resolution, and the dtype's own rounding along `v`,
/// `(g − g*)ᵀv`, is measured exactly and held to the dtype's running error bound instead of
/// blurring every remainder by that bound.
public struct ReferenceDerivatives: Sendable {
    /// `g*`, in the layout of `parameters`.
    public var gradient: [ReferenceScalar]
    /// The running error bound of each entry of `gradient`, absolute.
    public var gradientBound: [Double]
    /// `(Hv)*` along the `v` asked for; `nil` for a model without `hessianVectorProduct`.
    public var hessianVectorProduct: [ReferenceScalar]?
    /// The running error bound of each entry of `hessianVectorProduct`, absolute.
    public var hessianVectorBound: [Double]?

    public init(gradient: [ReferenceScalar], gradientBound: [Double], hessianVectorProduct: [ReferenceScalar]?,
                hessianVectorBound: [Double]?) {
        self.gradient = gradient
        self.gradientBound = gradientBound
        self.hessianVectorProduct = hessianVectorProduct
        self.hessianVectorBound = hessianVectorBound
    }
}

extension ReferenceDerivatives {
    /// `g*` and `(Hv)*` of the values and bounds that a `RunningError<ReferenceScalar>` run of
    /// the code produced.
    @inlinable
    public init(tracked gradient: [RunningError<ReferenceScalar>], hessianVectorProduct: [RunningError<ReferenceScalar>]?) {
        self.init(gradient: gradient.map(\.value), gradientBound: gradient.map(\.bound),
                  hessianVectorProduct: hessianVectorProduct?.map(\.value), hessianVectorBound: hessianVectorProduct?.map(\.bound))
    }
}
