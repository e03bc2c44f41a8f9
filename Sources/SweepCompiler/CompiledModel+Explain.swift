extension CompiledModel {
    /// A readable listing of the compiled programs: which values are computed how often, and
    /// the stock–flow incidence. Printed by `sdsweep simulate --explain`.
    public func explain() -> String {
        let computed = Set(timeOps.map(\.dst))
        func name(_ r: Ref) -> String {
            if case .scalar(let s) = r, s > 0, !computed.contains(r) { return "\(scalars[s])" }
            if let v = variables.first(where: { $0.ref == r }) { return "'\(v.name)'" }
            switch r {
            case .column(let c): return "col\(c)"
            case .scalar(0): return "Time"
            case .scalar(let s): return "s\(s)"
            }
        }
        func list(_ ops: [Op]) -> [String] {
            ops.map { op in
                let args = [op.a, op.b, op.c].prefix(op.code.arity).map(name).joined(separator: ", ")
                return "    \(name(op.dst)) = \(op.code)(\(args))\(op.code == .lookup ? " [table \(op.table)]" : "")"
            }
        }
        var lines = ["model: \(self.name)", "time: \(time.initial)…\(time.final) step \(time.step) saveper \(time.saveper) \(time.method.rawValue)"]
        lines.append("per-run parameters: \(parameters.isEmpty ? "none" : parameters.joined(separator: ", "))")
        lines.append("columns per run: \(columnCount); scalars: \(scalars.count)")
        lines.append("time-only program (once per evaluation for the whole chunk): \(timeOps.count) ops")
        lines += list(timeOps)
        lines.append("initialisation (once per run): \(initOps.count) ops")
        lines += list(initOps)
        lines.append("state program (every run, every evaluation): \(stepOps.count) ops")
        lines += list(stepOps)
        lines.append("stocks: \(stockNames.joined(separator: ", "))")
        lines.append("fused update: \(netOps.count) ops for the net flows")
        lines += list(netOps)
        lines.append("BLAS update: \(blasOps.count) ops, \(linearMaps.count) dgemm, \(blasPostOps.count) ops after")
        lines += list(blasOps)
        for m in linearMaps { lines.append("    dgemm: \(m.label)") }
        lines += list(blasPostOps)
        lines.append(prefersBLAS
            ? "stock update (auto): BLAS — the widest linear map of stocks (\(linearMapWidth) wide, \(Int(linearMapDensity * 100))% non-zero) reaches the measured crossover (\(CompiledModel.blasMinimumWidth) wide, \(Int(CompiledModel.blasMinimumDensity * 100))% non-zero)"
            : "stock update (auto): fused — \(linearMapWidth == 0 ? "no linear map of stocks" : "the widest linear map of stocks (\(linearMapWidth) wide, \(Int(linearMapDensity * 100))% non-zero) is below the measured crossover (\(CompiledModel.blasMinimumWidth) wide, \(Int(CompiledModel.blasMinimumDensity * 100))% non-zero)")")
        return lines.joined(separator: "\n") + "\n"
    }
}
