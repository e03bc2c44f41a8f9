import SweepDiagnostics
import SweepModel

/// A model lowered to flat programs over structure-of-arrays columns: what the batch engine
/// runs. Names are resolved to slots here, once, so the time loop never looks anything up.
///
/// A chunk of n runs owns `columnCount` columns of n doubles and `scalars` shared by all n
/// runs. Scalar 0 is `Time`. Values fall in four classes, each computed as rarely as possible:
/// - constants: folded at compile time into the scalar pool;
/// - time-only values (D(t), STEP, lookups of Time): `timeOps`, once per evaluation for the
///   whole chunk;
/// - run-only values (per-run parameters and what depends on them alone): `initOps`, once per
///   run;
/// - state values (anything reached from a stock): `stepOps`, per run and evaluation.
public struct CompiledModel: Sendable {
    public let name: String
    public let time: TimeSpec
    /// Per-run parameters, in the order of the parameter matrix's columns.
    public let parameters: [String]
    public let parameterColumns: [Int]
    public let columnCount: Int
    /// Initial scalar values: the constant pool, with Time at slot 0.
    public let scalars: [Double]
    public let timeOps: [Op]
    public let initOps: [Op]
    public let stepOps: [Op]
    /// Stock values occupy the contiguous columns `stockBase ..< stockBase + stockCount`.
    public let stockBase: Int
    public let stockNames: [String]
    /// Fused path: each stock's net flow, computed by `netOps` after `stepOps`.
    public let netOps: [Op]
    public let net: [Ref]
    /// BLAS path: `blasOps` fill the inputs of `linearMaps` (flows, or what is left of each
    /// net flow besides its linear part in the stocks), each map is one `dgemm` over the
    /// chunk, `blasPostOps` scale and add the maps' outputs; `blasNet` is each stock's
    /// derivative.
    public let blasOps: [Op]
    public let linearMaps: [LinearMap]
    public let blasPostOps: [Op]
    public let blasNet: [Ref]
    /// The widest batch-shared linear map of stocks into net flows (0: none), and the share
    /// of its coefficients that are not zero: where BLAS pays.
    public let linearMapWidth: Int
    public let linearMapDensity: Double
    public let tables: [TableData]
    /// Every variable that has a value (lookups excluded), in model order, with where it lives.
    public let variables: [CompiledVariable]

    public var stockCount: Int { stockNames.count }

    /// Where one `dgemm` beats the fused loop, as `sdsweep-bench network` measured it: the
    /// fused program costs one pass per non-zero coefficient, the dgemm one per coefficient
    /// at ~40 GFLOP/s, so BLAS wins on dense maps (1.4× at M = 8, 4.6× at M = 100 with every
    /// pair linked) and ties on sparse ones (0.95–1.15× with 20% of pairs linked).
    public static let blasMinimumWidth = 8
    public static let blasMinimumDensity = 0.5

    /// Whether the BLAS program is the faster one for this model.
    public var prefersBLAS: Bool {
        linearMapWidth >= CompiledModel.blasMinimumWidth && linearMapDensity >= CompiledModel.blasMinimumDensity
    }

    /// `variables` by canonical name.
    public let variableIndex: [CanonicalName: Int]

    /// The variable whose canonical name matches `name`.
    public func variable(named name: String) -> CompiledVariable? {
        variableIndex[CanonicalName(name)].map { variables[$0] }
    }
}

public struct CompiledVariable: Sendable {
    public let name: String
    public let id: CanonicalName
    public let ref: Ref
    public let units: String?
    public let role: Role

    public enum Role: String, Sendable {
        case constant, parameter, auxiliary, flow, stock
    }
}

/// `output = input · matrix` over a chunk: input columns `inputBase ..< inputBase + inputCount`
/// (n × inputCount), `matrix` inputCount × outputCount column-major, written to (`beta` 0)
/// or added to (`beta` 1) the output columns. One `cblas_dgemm`.
public struct LinearMap: Sendable {
    public let inputBase: Int
    public let inputCount: Int
    public let outputBase: Int
    public let outputCount: Int
    public let matrix: [Double]
    public let beta: Double
    /// What the map is, for `--explain`.
    public let label: String
}

/// A lookup table's points, flattened for the engine.
public struct TableData: Sendable {
    public let xs: [Double]
    public let ys: [Double]
}

/// A problem found while compiling: unknown names, cycles, misplaced INTEG, bad parameters.
public typealias CompileError = StageError<CompiledModel>

import SweepNumerics
