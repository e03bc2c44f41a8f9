import SweepCompiler
import SweepModel
import SweepNumerics

/// Everything a worker needs to integrate one chunk, decoded once per batch into buffers that
/// stay put, so the time loop touches no Swift arrays, dictionaries or allocations.
final class ChunkKernel: @unchecked Sendable {
    let model: CompiledModel
    let timeOnly: DecodedProgram
    let perRun: DecodedProgram
    let state: DecodedProgram
    /// The stock update the batch runs (`.auto` decided by the model's linear-map width).
    let update: DecodedDerivative
    let tableBuffers: [UnsafeMutableBufferPointer<Double>]
    let interpreter: Interpreter
    /// For each integration step, the (output column, value) pairs recorded then, as a range
    /// into `records`.
    let recordRange: [Range<Int>]
    let records: UnsafeMutableBufferPointer<(column: Int, ref: Ref)>

    init(model: CompiledModel, outputs: [OutputSeries], update: BatchEngine.StockUpdate) {
        self.model = model
        timeOnly = DecodedProgram(model.timeOnly)
        perRun = DecodedProgram(model.perRun)
        state = DecodedProgram(model.state)
        self.update = DecodedDerivative(update.derivative(of: model))
        let buffers = model.tables.flatMap { [allocatedCopy(of: $0.xs), allocatedCopy(of: $0.ys)] }
        tableBuffers = buffers
        interpreter = Interpreter(tables: stride(from: 0, to: buffers.count, by: 2).map {
            (xs: UnsafeBufferPointer(buffers[$0]), ys: UnsafeBufferPointer(buffers[$0 + 1]))
        })
        var byStep = [[(column: Int, ref: Ref)]](repeating: [], count: model.time.stepCount + 1)
        var column = 0
        for s in outputs {
            for step in s.steps {
                byStep[step].append((column, s.ref))
                column += 1
            }
        }
        var flat: [(column: Int, ref: Ref)] = []
        var ranges: [Range<Int>] = []
        for list in byStep {
            ranges.append(flat.count..<(flat.count + list.count))
            flat += list
        }
        records = allocatedCopy(of: flat)
        recordRange = ranges
    }

    deinit {
        for p in [timeOnly, perRun, state] { p.deallocate() }
        update.deallocate()
        records.baseAddress?.deallocate()
        for b in tableBuffers { b.baseAddress?.deallocate() }
    }

    /// One worker's scratch memory: the chunk's columns, the scalars, and RK buffers.
    final class Workspace {
        let chunkSize: Int
        let columns: UnsafeMutablePointer<Double>
        let scalars: UnsafeMutablePointer<Double>
        let derivative: UnsafeMutablePointer<Double>
        let start: UnsafeMutablePointer<Double>
        let sum: UnsafeMutablePointer<Double>

        init(model: CompiledModel, chunkSize: Int) {
            self.chunkSize = chunkSize
            func zeros(_ n: Int) -> UnsafeMutablePointer<Double> {
                let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, n))
                p.initialize(repeating: 0, count: Swift.max(1, n))
                return p
            }
            let s = model.stockCount * chunkSize
            columns = zeros(model.columnCount * chunkSize)
            scalars = zeros(model.scalars.count)
            derivative = zeros(s)
            start = zeros(model.time.method == .euler ? 0 : s)
            sum = zeros(model.time.method == .euler ? 0 : s)
        }

        deinit {
            for p in [columns, scalars, derivative, start, sum] { p.deallocate() }
        }
    }

    func makeWorkspace(chunkSize: Int) -> Workspace { Workspace(model: model, chunkSize: chunkSize) }

    /// Integrates runs `start ..< start + n`, reading parameters (column-major, `totalRuns`
    /// rows) and writing their rows of the output matrix.
    func run(start: Int, count n: Int, totalRuns: Int, parameters: UnsafePointer<Double>?,
             outputs: UnsafeMutablePointer<Double>?, workspace w: Workspace) {
        precondition(n <= w.chunkSize)
        let spec = model.time
        let columns = w.columns, scalars = w.scalars
        let interp = interpreter
        for (i, v) in model.scalars.enumerated() { scalars[i] = v }
        for (j, col) in model.parameterColumns.enumerated() {
            (columns + col * n).update(from: parameters! + j * totalRuns + start, count: n)
        }
        scalars[0] = spec.initial
        interp.run(timeOnly, n: 1, columns: columns, scalars: scalars)
        interp.run(perRun, n: n, columns: columns, scalars: scalars)

        let S = model.stockCount
        let stocks = columns + model.stockBase * n
        let dt = spec.step
        for step in 0...spec.stepCount {
            let t = spec.initial + Double(step) * dt
            evaluate(at: t, n: n, w)
            for k in records[recordRange[step]] {
                let out = outputs! + k.column * totalRuns + start
                switch k.ref {
                case .column(let c): out.update(from: columns + c * n, count: n)
                case .scalar(let c): out.update(repeating: scalars[c], count: n)
                }
            }
            if step == spec.stepCount || S == 0 { continue }
            let m = n * S
            switch spec.method {
            case .euler:
                // Straight from the net-flow values: no pass through a derivative buffer.
                netFlows(n: n, w)
                eulerStep(stocks, by: update.net, dt: dt, n: n, w)
            case .rk2:
                let y0 = w.start, k1 = w.sum, d = w.derivative
                y0.update(from: stocks, count: m)
                derivative(into: k1, n: n, w)
                for i in 0..<m { stocks[i] = y0[i] + dt * k1[i] }
                evaluate(at: t + dt, n: n, w)
                derivative(into: d, n: n, w)
                for i in 0..<m { stocks[i] = y0[i] + dt * 0.5 * (k1[i] + d[i]) }
            case .rk4:
                let y0 = w.start, acc = w.sum, d = w.derivative
                let half = 0.5 * dt
                y0.update(from: stocks, count: m)
                derivative(into: d, n: n, w)
                for i in 0..<m { acc[i] = d[i]; stocks[i] = y0[i] + half * d[i] }
                evaluate(at: t + half, n: n, w)
                derivative(into: d, n: n, w)
                for i in 0..<m { acc[i] += 2 * d[i]; stocks[i] = y0[i] + half * d[i] }
                evaluate(at: t + half, n: n, w)
                derivative(into: d, n: n, w)
                for i in 0..<m { acc[i] += 2 * d[i]; stocks[i] = y0[i] + dt * d[i] }
                evaluate(at: t + dt, n: n, w)
                derivative(into: d, n: n, w)
                for i in 0..<m { stocks[i] = y0[i] + dt / 6 * (acc[i] + d[i]) }
            }
        }
    }

    /// stock_s += dt · derivative_s for each stock, the derivative a column or a scalar.
    @inline(__always)
    func eulerStep(_ stocks: UnsafeMutablePointer<Double>, by derivative: [Ref], dt: Double, n: Int, _ w: Workspace) {
        for (s, r) in derivative.enumerated() {
            let y = stocks + s * n
            switch r {
            case .column(let c):
                let f = w.columns + c * n
                for i in 0..<n { y[i] += dt * f[i] }
            case .scalar(let c):
                let inc = dt * w.scalars[c]
                for i in 0..<n { y[i] += inc }
            }
        }
    }

    /// Time-only values for the whole chunk, then every state value, at time `t`.
    @inline(__always)
    func evaluate(at t: Double, n: Int, _ w: Workspace) {
        w.scalars[0] = t
        interpreter.run(timeOnly, n: 1, columns: w.columns, scalars: w.scalars)
        interpreter.run(state, n: n, columns: w.columns, scalars: w.scalars)
    }

    /// Each stock's net flow, where `update.net` says: the update's element-wise ops, one
    /// dgemm per linear map (none in the fused update), the ops after.
    @inline(__always)
    func netFlows(n: Int, _ w: Workspace) {
        let columns = w.columns, scalars = w.scalars
        interpreter.run(update.ops, n: n, columns: columns, scalars: scalars)
        for map in update.maps {
            BLAS.gemm(m: n, n: map.outputCount, k: map.inputCount, alpha: 1,
                      a: columns + map.inputBase * n, lda: n, b: map.matrix, ldb: map.inputCount,
                      beta: map.beta, c: columns + map.outputBase * n, ldc: n)
        }
        interpreter.run(update.post, n: n, columns: columns, scalars: scalars)
    }

    /// d stocks/dt (n × stocks, column-major) after `evaluate`.
    func derivative(into d: UnsafeMutablePointer<Double>, n: Int, _ w: Workspace) {
        let columns = w.columns, scalars = w.scalars
        netFlows(n: n, w)
        for (s, r) in update.net.enumerated() {
            switch r {
            case .column(let c): (d + s * n).update(from: columns + c * n, count: n)
            case .scalar(let c): (d + s * n).update(repeating: scalars[c], count: n)
            }
        }
    }
}

/// A stock update (`DerivativeProgram`) decoded for the kernel: its matrices in buffers that
/// stay put.
struct DecodedDerivative {
    struct Map {
        let inputBase: Int, inputCount: Int, outputBase: Int, outputCount: Int
        let beta: Double
        let matrix: UnsafePointer<Double>
    }

    let ops: DecodedProgram
    let maps: [Map]
    let post: DecodedProgram
    let net: [Ref]

    init(_ program: DerivativeProgram) {
        ops = DecodedProgram(program.ops)
        post = DecodedProgram(program.post)
        maps = program.maps.map {
            Map(inputBase: $0.inputBase, inputCount: $0.inputCount, outputBase: $0.outputBase, outputCount: $0.outputCount,
                beta: $0.beta, matrix: UnsafePointer(allocatedCopy(of: $0.matrix).baseAddress!))
        }
        net = program.net
    }

    func deallocate() {
        ops.deallocate()
        post.deallocate()
        for m in maps { m.matrix.deallocate() }
    }
}
