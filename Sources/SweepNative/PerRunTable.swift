import SweepCompiler

/// The per-run program of a big model as tables that a loop in the generated code runs one op
/// at a time over the chunk, as the interpreter does: it runs once per run, not once per
/// step, so its speed hardly matters, while as straight-line C it was most of a big model's
/// compile time (configs/cluster-network.yaml: 26 of 41 functions). Each op's case is the
/// expression `CGenerator.expression` writes, so the bits are the same.
struct PerRunTable {
    let generator: CGenerator

    var model: CompiledModel { generator.model }

    /// An operand's kind in `pr_kind`: a column, a constant of `pr_k`, a time-only slot, or
    /// Time.
    func encode(_ r: Ref, constants: inout [Double]) -> (kind: Int, index: Int) {
        switch r {
        case .column(let c): return (0, c)
        case .scalar(0): return (3, 0)
        case .scalar(let k):
            if let slot = generator.timeSlots[k] { return (2, slot) }
            constants.append(model.scalars[k])
            return (1, constants.count - 1)
        }
    }

    /// The tables and `sd_perrun(n, total, start, P, W, t, s)`.
    func source() -> String {
        var constants: [Double] = [], kinds: [Int] = [], args: [Int] = [], codes: [Int] = [], dsts: [Int] = [], tables: [Int] = []
        for op in model.perRun {
            guard case .column(let d) = op.dst else { preconditionFailure("checked by CGenerator.init") }
            codes.append(Int(op.code.rawValue))
            dsts.append(d)
            tables.append(op.table)
            for r in [op.a, op.b, op.c] {
                let (kind, index) = op.code.arity > kinds.count % 3 ? encode(r, constants: &constants) : (3, 0)
                kinds.append(kind)
                args.append(index)
            }
        }
        let tableCount = model.tables.count
        var out = [
            "static const int pr_code[] = \(CLiteral.array(codes));",
            "static const long pr_dst[] = \(CLiteral.array(dsts));",
            "static const long pr_table[] = \(CLiteral.array(tables));",
            "static const int pr_kind[] = \(CLiteral.array(kinds));",
            "static const long pr_arg[] = \(CLiteral.array(args));",
            "static const double pr_k[] = \(CLiteral.array(constants));",
            "static const long pr_pcol[] = \(CLiteral.array(model.parameterColumns));",
            "static const double *const sd_xs[] = {\(tableCount == 0 ? "0" : (0..<tableCount).map { "sd_x\($0)" }.joined(separator: ", "))};",
            "static const double *const sd_ys[] = {\(tableCount == 0 ? "0" : (0..<tableCount).map { "sd_y\($0)" }.joined(separator: ", "))};",
            "static const long sd_ns[] = \(CLiteral.array(generator.tableSizes));",
            "static const double *sd_operand(int kind, long index, const double *W, long n, const double *t, const double *s, long *stride) {",
            "    *stride = kind == 0;",
            "    return kind == 0 ? W + index * n : kind == 1 ? pr_k + index : kind == 2 ? s + index : t;",
            "}",
            "static __attribute__((noinline)) void sd_perrun(long n, long total, long start, const double *P, double *W, double t, const double *s) {",
            "    for (long j = 0; j < \(CLiteral.int(model.parameterColumns.count)); j++)",
            "        for (long i = 0; i < n; i++) W[pr_pcol[j] * n + i] = P[j * total + start + i];",
            "    for (long k = 0; k < \(CLiteral.int(codes.count)); k++) {",
            "        long sa, sb, sc;",
            "        const double *a = sd_operand(pr_kind[3 * k], pr_arg[3 * k], W, n, &t, s, &sa);",
            "        const double *b = sd_operand(pr_kind[3 * k + 1], pr_arg[3 * k + 1], W, n, &t, s, &sb);",
            "        const double *c = sd_operand(pr_kind[3 * k + 2], pr_arg[3 * k + 2], W, n, &t, s, &sc);",
            "        double *d = W + pr_dst[k] * n;",
            "        const long tab = pr_table[k];",
            "        (void)b; (void)c; (void)sb; (void)sc; (void)tab;",
            "        switch (pr_code[k]) {",
        ]
        for code in Set(model.perRun.map(\.code)).sorted(by: { $0.rawValue < $1.rawValue }) {
            let op = Op(code, .column(0), .column(0))
            let e = code.readsTable ? CGenerator.tableCall(code, "a[i * sa]", "b[i * sb]", xs: "sd_xs[tab]", ys: "sd_ys[tab]", n: "sd_ns[tab]")
                : code.isBlock ? CGenerator.blockCall(code, "a + i", stride: "n", count: "tab")
                : generator.expression(op, "a[i * sa]", "b[i * sb]", "c[i * sc]")
            out.append("        case \(CLiteral.int(Int(code.rawValue))): for (long i = 0; i < n; i++) d[i] = \(e); break;")
        }
        out += ["        }", "    }", "}", ""]
        return out.joined(separator: "\n")
    }
}
