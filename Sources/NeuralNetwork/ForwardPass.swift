import RealModule

/// The cached forward pass of one batch: `z` and `a` of every layer, each [m × width] row-major.
///
/// `a[0]` is the input `x`; `z[l]` and `a[l + 1]` belong to layer `l` (0-based), so backprop
/// finds each layer's input in `a[l]` and its derivative inputs in `z[l]`, `a[l + 1]`.
public struct ForwardPass<Scalar: Sendable>: Sendable {
    /// Batch size `m`.
    public let m: Int
    /// Pre-activations, one array per layer, [m × fanOut].
    public var z: [[Scalar]]
    /// Activations, `a[0] = x` [m × d₀], then one per layer [m × fanOut].
    public var a: [[Scalar]]

    @inlinable
    init(m: Int, z: [[Scalar]], a: [[Scalar]]) {
        self.m = m
        self.z = z
        self.a = a
    }
}

extension Network {
    /// Runs `z = x·W + b`, `a = f(z)` through every layer.
    /// - Parameters:
    ///   - x: inputs [m × d₀], row-major; `x.count` must be `m·d₀` (a `Batch` guarantees it).
    ///   - m: batch size.
    @inlinable
    public func forward(_ x: [Scalar], m: Int) -> ForwardPass<Scalar> {
        var pass = ForwardPass<Scalar>(m: m, z: [], a: [x])
        pass.z.reserveCapacity(layers.count)
        pass.a.reserveCapacity(layers.count + 1)
        for layer in layers {
            var z = [Scalar](repeating: 0, count: m * layer.fanOut)
            var a = z
            Self.layer(layer, input: pass.a[pass.a.count - 1], z: &z, a: &a, m: m, theta: parameters)
            pass.z.append(z)
            pass.a.append(a)
        }
        return pass
    }

    /// `L(θ)` on `batch`: a forward pass, then `loss(of:batch:)`, bitwise; the pass keeps only
    /// the layer being computed and its input (one scratch allocation instead of a
    /// `ForwardPass`'s arrays), since every finite-difference evaluation of a model without
    /// `IncrementalLoss` comes through here.
    /// - Precondition: `batch` has the network's widths, as `batch(m:x:y:)` makes it.
    @inlinable
    public func loss(on batch: Batch<Scalar>) -> Scalar {
        let m = batch.m
        let n = m * layers.reduce(0) { Swift.max($0, $1.fanOut) }
        precondition(batch.x.count == m * layers[0].fanIn && batch.y.count == m * layers[layers.count - 1].fanOut,
                     "loss(on:): the batch's x and y do not have the network's widths")
        let data = withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 3 * n) { scratch in
            parameters.withUnsafeBufferPointer { theta in
                batch.x.withUnsafeBufferPointer { x in
                    // z, then two activations taking turns as a layer's input and output.
                    let z = scratch.baseAddress!
                    var (input, output) = (x.baseAddress!, z + n)
                    for layer in layers {
                        Self.layer(layer, input: input, z: z, a: output, m: m, theta: theta.baseAddress!)
                        input = UnsafePointer(output)
                        output = output == z + n ? z + 2 * n : z + n
                    }
                    let count = m * layers[layers.count - 1].fanOut
                    return batch.y.withUnsafeBufferPointer { y in
                        loss.value(z: UnsafeBufferPointer(start: z, count: count),
                                   a: UnsafeBufferPointer(start: input, count: count), y: y, m: m)
                    }
                }
            }
        }
        // As `loss(of:batch:)`: λ = 0 leaves the data loss's bits alone.
        return weightDecay == 0 ? data : data + weightPenalty()
    }

    /// One layer, `z = x·W + b`, `a = f(z)`, into existing storage.
    /// - Parameters:
    ///   - input: `x` [m × fanIn], row-major; z, a: [m × fanOut], overwritten.
    ///   - theta: the flat parameters holding the layer's `W` and `b`.
    @inlinable
    static func layer(_ layer: DenseLayer, input x: [Scalar], z: inout [Scalar], a: inout [Scalar], m: Int,
                      theta: [Scalar]) {
        theta.withUnsafeBufferPointer { theta in
            x.withUnsafeBufferPointer { x in
                z.withUnsafeMutableBufferPointer { z in
                    a.withUnsafeMutableBufferPointer { a in
                        Self.layer(layer, input: x.baseAddress!, z: z.baseAddress!, a: a.baseAddress!, m: m,
                                   theta: theta.baseAddress!)
                    }
                }
            }
        }
    }

    /// One layer on raw storage (what `IncrementalLoss` keeps): input [m × fanIn], z, a [m × fanOut].
    @inlinable
    static func layer(_ layer: DenseLayer, input x: UnsafePointer<Scalar>, z: UnsafeMutablePointer<Scalar>,
                      a: UnsafeMutablePointer<Scalar>, m: Int, theta: UnsafePointer<Scalar>) {
        affine(layer, x: x, theta: theta, m: m, into: z)
        layer.activation.apply(z, into: a, count: m &* layer.fanOut)
    }
}
