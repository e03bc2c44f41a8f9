import Foundation
import SweepNumerics
@testable import SweepSampling

/// Reads the reference files in `Fixtures/` (see its README for how each was made).
enum Fixture {
    static func url(_ name: String) -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") else {
            fatalError("fixture \(name) is missing from the test bundle")
        }
        return url
    }

    static func csv(_ name: String) throws -> (header: [String], matrix: Matrix) {
        let table = try CSVRowReader.table(path: url(name).path, allowNonFinite: true)
        return (table.header, table.values)
    }

    /// Whether two matrices hold the same doubles, bit for bit.
    static func bitwiseEqual(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns
            && zip(a.storage, b.storage).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

extension ParameterSpace {
    /// k uniform parameters on [0, 1], named x0…x(k−1).
    static func unitCube(_ k: Int) -> ParameterSpace {
        try! ParameterSpace((0..<k).map { Parameter(name: "x\($0)", distribution: .uniform(lower: 0, upper: 1)) })
    }
}
