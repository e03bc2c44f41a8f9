import Foundation
import SweepModel
import Testing
import TestSupport

@Suite("SD test-models conformance: XMILE")
struct XMILEConformanceTests {
    /// Reference and tolerance as in `ConformanceTests.conformance`: the case's shipped output,
    /// PySD's rule |expected − actual| ≤ 1e-5 + 1e-5·|actual|.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: XMILEManifest.cases)
    func conformance(_ c: ConformanceCase) throws {
        try ConformanceTests().conformance(c)
    }
}
