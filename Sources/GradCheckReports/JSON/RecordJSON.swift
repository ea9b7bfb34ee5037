import GradientCheck
import Harness

extension JSONBytes {
    /// One report record as one JSON object, keys sorted: what `TensorRecord`'s `Encodable`
    /// conformance writes (`RecordJSONTests` holds the two to the same content).
    mutating func record(_ r: TensorRecord) {
        beginObject()
        key("activations"); values(r.activations.map(\.rawValue))
        key("dtype"); value(r.dtype.rawValue)
        key("elementCounts"); beginObject()
        for name in r.elementCounts.keys.sorted() { key(name); value(r.elementCounts[name]!) }
        endObject()
        key("largestResolvedRelativeError"); value(r.largestResolvedRelativeError)
        key("loss"); value(r.loss.rawValue)
        key("m"); value(r.m)
        key("medianErrorToAllowed"); value(r.medianErrorToAllowed)
        key("medianRelativeError"); value(r.medianRelativeError)
        key("normwiseRelativeError"); value(r.normwiseRelativeError)
        if let notes = r.notes { key("notes"); values(notes) }
        if let s = r.saturation {
            key("saturation"); beginObject()
            key("factor"); value(s.factor)
            key("target"); value(s.target.rawValue)
            endObject()
        }
        key("shape"); values(r.shape)
        key("tensor"); value(r.tensor)
        if let step = r.trainStep { key("trainStep"); value(step) }
        key("trial"); value(r.trial)
        key("trialSeed"); value(Int(r.trialSeed))
        key("verdict"); value(r.verdict.rawValue)
        key("widths"); values(r.widths)
        key("worst"); element(r.worst)
        endObject()
    }

    /// An element as `ElementResult`'s `Encodable` conformance writes it.
    mutating func element(_ e: ElementResult) {
        beginObject()
        key("allowed"); value(e.allowed)
        key("analytic"); value(e.analytic)
        key("errorEstimate"); value(e.errorEstimate)
        key("flatIndex"); value(e.flatIndex)
        key("index"); values(e.index)
        if let x = e.leftDerivative { key("leftDerivative"); value(x) }
        key("numerical"); value(e.numerical)
        key("ratio"); value(e.ratio)
        if let reason = e.reason { key("reason"); value(reason) }
        if let rechecked = e.rechecked { key("rechecked"); value(rechecked) }
        if let x = e.referenceNumerical { key("referenceNumerical"); value(x) }
        key("relativeError"); value(e.relativeError)
        if let x = e.rightDerivative { key("rightDerivative"); value(x) }
        if let x = e.roundingBound { key("roundingBound"); value(x) }
        key("step"); value(e.returnedStep)
        key("stepAdjusted"); value(e.stepEnlarged)
        key("theta"); value(e.theta)
        key("verdict"); value(e.verdict.rawValue)
        endObject()
    }
}
