import SweepCompiler
import SweepModel
import SweepNumerics

/// Everything a worker needs to integrate one chunk, decoded once per batch into buffers that
/// stay put, so the time loop touches no Swift arrays, dictionaries or allocations.
final class ChunkKernel: @unchecked Sendable {
    let model: CompiledModel
    /// The resolved update path (`.auto` decided by the model's linear-map width).
    let update: Path

    enum Path { case fused, blas }
    let timeOps: UnsafeMutableBufferPointer<DecodedOp>
    let initOps: UnsafeMutableBufferPointer<DecodedOp>
    let stepOps: UnsafeMutableBufferPointer<DecodedOp>
    let netOps: UnsafeMutableBufferPointer<DecodedOp>
    let blasOps: UnsafeMutableBufferPointer<DecodedOp>
    let blasPostOps: UnsafeMutableBufferPointer<DecodedOp>
    let mapMatrices: [UnsafeMutableBufferPointer<Double>]
    let tableBuffers: [UnsafeMutableBufferPointer<Double>]
    let interpreter: Interpreter
    /// For each integration step, the (output column, value) pairs recorded then, as a range
    /// into `records`.
    let recordRange: [Range<Int>]
    let records: UnsafeMutableBufferPointer<(column: Int, ref: Ref)>

    init(model: CompiledModel, outputs: [OutputSeries], update: BatchEngine.StockUpdate) {
        self.model = model
        switch update {
        case .fused: self.update = .fused
        case .blas: self.update = .blas
        case .auto: self.update = model.prefersBLAS ? .blas : .fused
        }
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(1, a.count))
            _ = b.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: b[0..<a.count])
        }
        timeOps = copy(model.timeOps.map(DecodedOp.init))
        initOps = copy(model.initOps.map(DecodedOp.init))
        stepOps = copy(model.stepOps.map(DecodedOp.init))
        netOps = copy(model.netOps.map(DecodedOp.init))
        blasOps = copy(model.blasOps.map(DecodedOp.init))
        blasPostOps = copy(model.blasPostOps.map(DecodedOp.init))
        mapMatrices = model.linearMaps.map { copy($0.matrix) }
        let buffers = model.tables.flatMap { [copy($0.xs), copy($0.ys)] }
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
        records = copy(flat)
        recordRange = ranges
    }

    deinit {
        for b in [timeOps, initOps, stepOps, netOps, blasOps, blasPostOps] { b.baseAddress?.deallocate() }
        for m in mapMatrices { m.baseAddress?.deallocate() }
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
        interp.run(UnsafeBufferPointer(timeOps), n: 1, columns: columns, scalars: scalars)
        interp.run(UnsafeBufferPointer(initOps), n: n, columns: columns, scalars: scalars)

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
            switch (spec.method, update) {
            case (.euler, .fused):
                // Straight from the net-flow values: no pass through a derivative buffer.
                interp.run(UnsafeBufferPointer(netOps), n: n, columns: columns, scalars: scalars)
                eulerStep(stocks, by: model.net, dt: dt, n: n, w)
            case (.euler, .blas):
                blasDerivative(n: n, w)
                eulerStep(stocks, by: model.blasNet, dt: dt, n: n, w)
            case (.rk2, _):
                let y0 = w.start, k1 = w.sum, d = w.derivative
                y0.update(from: stocks, count: m)
                derivative(into: k1, n: n, w)
                for i in 0..<m { stocks[i] = y0[i] + dt * k1[i] }
                evaluate(at: t + dt, n: n, w)
                derivative(into: d, n: n, w)
                for i in 0..<m { stocks[i] = y0[i] + dt * 0.5 * (k1[i] + d[i]) }
            case (.rk4, _):
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
        interpreter.run(UnsafeBufferPointer(timeOps), n: 1, columns: w.columns, scalars: w.scalars)
        interpreter.run(UnsafeBufferPointer(stepOps), n: n, columns: w.columns, scalars: w.scalars)
    }

    /// The BLAS program: its element-wise part, one dgemm per linear map, the scaling after.
    /// Leaves each stock's derivative where `model.blasNet` says.
    @inline(__always)
    func blasDerivative(n: Int, _ w: Workspace) {
        let columns = w.columns, scalars = w.scalars
        interpreter.run(UnsafeBufferPointer(blasOps), n: n, columns: columns, scalars: scalars)
        for (k, map) in model.linearMaps.enumerated() {
            BLAS.gemm(m: n, n: map.outputCount, k: map.inputCount, alpha: 1,
                      a: columns + map.inputBase * n, lda: n, b: mapMatrices[k].baseAddress!, ldb: map.inputCount,
                      beta: map.beta, c: columns + map.outputBase * n, ldc: n)
        }
        interpreter.run(UnsafeBufferPointer(blasPostOps), n: n, columns: columns, scalars: scalars)
    }

    /// d stocks/dt (n × stocks, column-major) after `evaluate`.
    func derivative(into d: UnsafeMutablePointer<Double>, n: Int, _ w: Workspace) {
        let columns = w.columns, scalars = w.scalars
        switch update {
        case .fused:
            interpreter.run(UnsafeBufferPointer(netOps), n: n, columns: columns, scalars: scalars)
            for (s, r) in model.net.enumerated() {
                switch r {
                case .column(let c): (d + s * n).update(from: columns + c * n, count: n)
                case .scalar(let c): (d + s * n).update(repeating: scalars[c], count: n)
                }
            }
        case .blas:
            blasDerivative(n: n, w)
            for (s, r) in model.blasNet.enumerated() {
                switch r {
                case .column(let c): (d + s * n).update(from: columns + c * n, count: n)
                case .scalar(let c): (d + s * n).update(repeating: scalars[c], count: n)
                }
            }
        }
    }
}
