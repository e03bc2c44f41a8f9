import Foundation
import SweepModel
import SweepSampling
import SweepStudy

/// Sample → run → analyse in one process: the paper's model, its 16 coefficients and weights
/// uniform on ±50%, Saltelli N = 2^14 (294,912 runs), S1/ST of C(20) with 1,000 bootstrap
/// resamples, 2 threads. With `SALIB_PYTHON` (a python with SALib and numpy) the same pipeline
/// in SALib + numpy (a vectorised Euler loop over all runs) is timed too, for the ratio.
func benchmarkEndToEnd() throws {
    let (compiled, _, _) = try paperSweepSetup()
    let model = try Model.load(path: configPath("cluster-innovation.yaml"))
    let space = try ParameterSpace(compiled.parameters.map {
        Parameter(name: $0, range: .relative(0.5), nominal: model.constantValue(named: $0))
    })
    var study = Study(title: "bench", file: "bench", modelPath: configPath("cluster-innovation.yaml"), model: model,
                      space: space, outputs: [.init(variable: "Innovation Capability", times: .final)], seed: 1)
    study.methods.sobol = try Study.SobolSettings(n: 1 << 14, bootstrap: 1000)
    let seconds = best(repeats: 2) { _ = try? StudyRunner(study: study, threads: 2).run(includeBaseline: false) }
    print("\n## End to end: paper model, 16 parameters, Saltelli N = 2^14 (294,912 runs × 320 steps), B = 1000, 2 threads")
    print(String(format: "SDSweep sample → run → analyse: %.3f s", seconds))
    guard let python = ProcessInfo.processInfo.environment["SALIB_PYTHON"] else {
        print("(set SALIB_PYTHON to a python with SALib and numpy to time the same pipeline there)")
        return
    }
    let script = """
        import time, numpy as np
        from SALib.sample import sobol as sample
        from SALib.analyze import sobol
        c = np.array([10, 4, 20, 1, 20, 1, 10, 4.0]); w = np.full(8, 0.0015)
        nominal = np.concatenate([c, w])
        p = {'num_vars': 16, 'names': ['x%d' % i for i in range(16)], 'bounds': [[0.5 * v, 1.5 * v] for v in nominal]}
        def run():
            x = sample.sample(p, 2**14, calc_second_order=False, seed=1)
            k = (x[:, :8] * x[:, 8:]).T          # the model's equations, vectorised over runs
            C = np.zeros(x.shape[0]); dt = 0.0625
            for s in range(320):
                t = s * dt
                d = 4.6 * (t / 10 if t <= 10 else (20 - t) / 10)
                C += dt * ((k[0] * d + k[1] * d + k[2] * d + k[3] * d) + (k[4] * d + k[5] * d + k[6] * d + k[7] * d))
            return sobol.analyze(p, C, calc_second_order=False, num_resamples=1000, seed=1)
        best = 1e9
        for _ in range(2):
            t0 = time.perf_counter(); run(); best = min(best, time.perf_counter() - t0)
        print(best)
        """
    if let salib = pythonSeconds(python, script) {
        print(String(format: "SALib 1.6 + numpy, same pipeline: %.3f s → SDSweep is %.1f× faster", salib, salib / seconds))
    }
}

/// Runs a Python script that prints one number of seconds, and returns it.
func pythonSeconds(_ python: String, _ script: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-W", "ignore", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else {
        print("cannot run \(python)")
        return nil
    }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Double(out.trimmingCharacters(in: .whitespacesAndNewlines))
}
