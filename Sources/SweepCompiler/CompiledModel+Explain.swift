extension CompiledModel {
    /// A readable listing of the compiled programs: which values are computed how often, and
    /// the stock–flow incidence. Printed by `sdsweep simulate --explain`.
    public func explain() -> String {
        let computed = Set(timeOnly.map(\.dst))
        func name(_ r: Ref) -> String {
            if case .scalar(let s) = r, s > 0, !computed.contains(r) { return "\(scalars[s])" }
            if let v = variables.first(where: { $0.ref == r }) { return "'\(v.name)'" }
            switch r {
            case .column(let c): return "col\(c)"
            case .scalar(0): return "Time"
            case .scalar(let s): return "s\(s)"
            }
        }
        func list(_ program: Program) -> [String] {
            program.map { op in
                let args = [op.a, op.b, op.c].prefix(op.code.arity).map(name).joined(separator: ", ")
                return "    \(name(op.dst)) = \(op.code)(\(args))\(op.code == .lookup ? " [table \(op.table)]" : "")"
            }
        }
        let (fused, blas) = (stockUpdate.fused, stockUpdate.blas)
        var lines = ["model: \(self.name)", "time: \(time.initial)…\(time.final) step \(time.step) saveper \(time.saveper) \(time.method.rawValue)"]
        lines.append("per-run parameters: \(parameters.isEmpty ? "none" : parameters.joined(separator: ", "))")
        lines.append("columns per run: \(columnCount); scalars: \(scalars.count)")
        lines.append("time-only program (once per evaluation for the whole chunk): \(timeOnly.count) ops")
        lines += list(timeOnly)
        lines.append("initialisation (once per run): \(perRun.count) ops")
        lines += list(perRun)
        lines.append("state program (every run, every evaluation): \(state.count) ops")
        lines += list(state)
        lines.append("stocks: \(stockNames.joined(separator: ", "))")
        lines.append("fused update: \(fused.ops.count) ops for the net flows")
        lines += list(fused.ops)
        lines.append("BLAS update: \(blas.ops.count) ops, \(blas.maps.count) dgemm, \(blas.post.count) ops after")
        lines += list(blas.ops)
        for m in blas.maps { lines.append("    dgemm: \(m.label)") }
        lines += list(blas.post)
        lines.append(stockUpdate.explanation)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CompiledModel.StockUpdate {
    /// Which update `auto` picks, and why.
    var explanation: String {
        let crossover = "the measured crossover (\(Self.blasMinimumWidth) wide, \(Int(Self.blasMinimumDensity * 100))% non-zero)"
        let widest = "the widest linear map of stocks (\(linearMapWidth) wide, \(Int(linearMapDensity * 100))% non-zero)"
        if prefersBLAS { return "stock update (auto): BLAS — \(widest) reaches \(crossover)" }
        return "stock update (auto): fused — \(linearMapWidth == 0 ? "no linear map of stocks" : "\(widest) is below \(crossover)")"
    }
}
