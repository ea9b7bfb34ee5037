import Foundation
import Harness

extension CaseFile {
    /// Pretty JSON, keys sorted; NaN and ±Inf as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.prettyEncoder.encode(self) }
}

extension PrecisionReport {
    /// Compact JSON with sorted keys, non-finite values as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.encoder.encode(self) }
}

extension SelfTestReport {
    /// Compact JSON with sorted keys, non-finite values as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.encoder.encode(self) }
}

extension RegressionComparison {
    /// Compact JSON with sorted keys, non-finite values as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.encoder.encode(self) }
}

extension SensitivityReport {
    /// Compact JSON with sorted keys, non-finite values as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.encoder.encode(self) }
}

extension TaylorReport {
    /// Compact JSON with sorted keys, non-finite values as strings (`JSONCoding`).
    public func jsonData() throws -> Data { try JSONCoding.encoder.encode(self) }
}
