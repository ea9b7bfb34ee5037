import Harness
import PrecisionStudy

/// `precision.csv`: one header row, then one row per trial × tensor × dtype (tidy data,
/// Wickham 2014), comma-separated, RFC 4180. Numbers are Swift's shortest round-trip decimal;
/// `inf` and `nan` are what pandas and R read as such. Quantiles leave out elements whose
/// reference gradient is exactly 0 (`zero_reference_elements`) and those whose backprop value or
/// reference is NaN or ±inf (`non_finite_elements`; `fd_non_finite` counts non-finite oracle
/// values); a tensor with none measured has zeros there.
public enum PrecisionCSV {
    public static let header = [
        "trial", "dtype", "tensor", "layer", "kind", "fan_in", "fan_out", "m", "activation", "loss",
        "saturated_fraction", "elements", "zero_reference_elements", "non_finite_elements", "fd_non_finite",
        "kink_elements",
        "bp_rel_median", "bp_rel_p90", "bp_rel_p99", "bp_rel_max",
        "bp_ulp_median", "bp_ulp_p90", "bp_ulp_p99", "bp_ulp_max",
        "fd_rel_median", "fd_rel_p90", "fd_rel_p99", "fd_rel_max", "fd_estimate_exceeded_fraction",
    ]

    /// The whole file: `header`, then one line per record, in the records' order.
    public static func text(_ records: [TensorPrecision]) -> String {
        var lines = [header.joined(separator: ",")]
        for r in records {
            var fields: [String] = ["\(r.trial)", r.dtype.rawValue, r.tensor, "\(r.layer)", r.kind, "\(r.fanIn)",
                                    "\(r.fanOut)", "\(r.m)", r.activation.rawValue, r.loss.rawValue,
                                    "\(r.saturatedFraction)", "\(r.elements)", "\(r.zeroReferenceElements)",
                                    "\(r.nonFiniteElements)", "\(r.nonFiniteDifferences)", "\(r.kinkElements)"]
            for q in [r.backpropRelative, r.backpropULP, r.finiteDifferenceRelative] {
                fields += [q.median, q.p90, q.p99, q.max].map { "\($0)" }
            }
            fields.append("\(r.estimateExceededFraction)")
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
