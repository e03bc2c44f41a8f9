import SweepDiagnostics
import SweepModel

/// A model lowered to programs over structure-of-arrays columns: what the batch engine runs,
/// and what a code generator would walk. Names are resolved to slots here, once, so the time
/// loop never looks anything up.
///
/// A chunk of n runs owns `columnCount` columns of n doubles and `scalars` shared by all n
/// runs. Scalar 0 is `Time`. Values fall in four classes, each computed as rarely as possible,
/// each with its program:
/// - constants: folded at compile time into the scalar pool;
/// - time-only values (D(t), STEP, lookups of Time): `timeOnly`, once per evaluation for the
///   whole chunk;
/// - run-only values (per-run parameters and what depends on them alone): `perRun`, once per
///   run;
/// - state values (anything reached from a stock): `state`, per run and evaluation.
///
/// Then `stockUpdate` gives each stock's derivative, two ways. A run is: copy `scalars` in,
/// the parameters into `parameterColumns`, set `Time`, run `timeOnly` and `perRun`; then at
/// each step run `timeOnly` and `state`, record, compute the derivative and advance the stocks.
public struct CompiledModel: Sendable {
    /// The model's name, and the time spec it was compiled with.
    public let name: String
    public let time: TimeSpec
    /// Per-run parameters, in the order of the parameter matrix's columns, and the column each
    /// is copied into.
    public let parameters: [String]
    public let parameterColumns: [Int]
    /// Columns per run: stocks, parameters, computed values, temporaries.
    public let columnCount: Int
    /// Initial scalar values: the constant pool, with Time at slot 0.
    public let scalars: [Double]
    /// The lookup tables `.lookup` ops name by index.
    public let tables: [TableData]
    /// Stock values occupy the contiguous columns `stockBase ..< stockBase + stockCount`.
    public let stockBase: Int
    public let stockNames: [String]
    /// Time-only values, run with n = 1: every destination is a scalar.
    public let timeOnly: Program
    /// Run-only values, INITIAL() captures and the stocks' initial values: once per run.
    public let perRun: Program
    /// State values: every run, every evaluation.
    public let state: Program
    /// Each stock's derivative, after `state`.
    public let stockUpdate: StockUpdate
    /// Every variable that has a value (lookups excluded), in model order, with where it lives.
    public let variables: [CompiledVariable]
    private let variableIndex: [CanonicalName: Int]

    init(name: String, time: TimeSpec, parameters: [String], parameterColumns: [Int], columnCount: Int,
         scalars: [Double], tables: [TableData], stockBase: Int, stockNames: [String],
         timeOnly: Program, perRun: Program, state: Program, stockUpdate: StockUpdate, variables: [CompiledVariable]) {
        self.name = name
        self.time = time
        self.parameters = parameters
        self.parameterColumns = parameterColumns
        self.columnCount = columnCount
        self.scalars = scalars
        self.tables = tables
        self.stockBase = stockBase
        self.stockNames = stockNames
        self.timeOnly = timeOnly
        self.perRun = perRun
        self.state = state
        self.stockUpdate = stockUpdate
        self.variables = variables
        variableIndex = Dictionary(variables.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var stockCount: Int { stockNames.count }

    /// The variable whose canonical name matches `name`.
    public func variable(named name: String) -> CompiledVariable? {
        variableIndex[CanonicalName(name)].map { variables[$0] }
    }
}

extension CompiledModel {
    /// The two ways of computing every stock's derivative, and which one is faster here.
    public struct StockUpdate: Sendable {
        /// Element-wise: each stock's net flow by its own ops (`maps` and `post` are empty).
        public let fused: DerivativeProgram
        /// Matrix products over the chunk: flows or what is left of each net flow besides its
        /// linear part in the stocks, element-wise; then one `dgemm` per linear map (of the
        /// stocks, or the stock–flow incidence); then the per-run scaling of the maps' outputs.
        public let blas: DerivativeProgram
        /// The widest batch-shared linear map of stocks into net flows (0: none), and the share
        /// of its coefficients that are not zero: where BLAS pays.
        public let linearMapWidth: Int
        public let linearMapDensity: Double

        /// Where one `dgemm` beats the fused loop, as `sdsweep-bench network` measured it: the
        /// fused program costs one pass per non-zero coefficient, the dgemm one per coefficient
        /// at ~40 GFLOP/s, so BLAS wins on dense maps (1.4× at M = 8, 4.6× at M = 100 with every
        /// pair linked) and ties on sparse ones (0.95–1.15× with 20% of pairs linked).
        public static let blasMinimumWidth = 8
        public static let blasMinimumDensity = 0.5

        /// Whether the BLAS program is the faster one for this model.
        public var prefersBLAS: Bool {
            linearMapWidth >= StockUpdate.blasMinimumWidth && linearMapDensity >= StockUpdate.blasMinimumDensity
        }
    }
}

/// A straight-line program: ops run in order, each over every run of a chunk (or once, for a
/// scalar destination).
public struct Program: RandomAccessCollection, Hashable, Sendable {
    /// The ops, in the order they run (each reads only slots written before it or set at the
    /// start of the run).
    public let ops: [Op]

    public init(_ ops: [Op]) { self.ops = ops }

    public var startIndex: Int { ops.startIndex }
    public var endIndex: Int { ops.endIndex }
    public subscript(position: Int) -> Op { ops[position] }
}

/// One way of computing every stock's derivative over a chunk: run `ops`, then each of `maps`
/// as one `dgemm`, then `post`; stock s's derivative is then at `net[s]`.
public struct DerivativeProgram: Sendable {
    /// Element-wise, before the maps: the net flows (fused), or the flows and the part of
    /// each net flow that is not linear in the stocks (BLAS).
    public let ops: Program
    /// One `dgemm` each, in order.
    public let maps: [LinearMap]
    /// Element-wise, after the maps: each scaled map's output added to the derivative.
    public let post: Program
    /// Where each stock's derivative is, in stock order.
    public let net: [Ref]
}

/// A variable a caller can record: its name as written, where its value lives and what it is.
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
