@testable import SweepCompiler
import SweepDiagnostics
import SweepModel

/// A model from (name, kind) pairs, each equation in Vensim's expression syntax: the passes'
/// tests build the smallest model that shows what they check.
func model(_ variables: [(String, Spec)], time: TimeSpec = TimeSpec(initial: 0, final: 4, step: 1)) throws -> Model {
    let location = SourceLocation(file: "test.yaml")
    return Model(name: "test", time: time, variables: try variables.map { name, kind in
        Variable(name: name, kind: try kind.resolved(), location: location)
    }, file: "test.yaml")
}

/// A variable's definition as a test writes it.
enum Spec {
    case constant(Double)
    case auxiliary(String)
    case flow(String)
    case stock(initial: String, net: String)
    case lookup(xs: [Double], ys: [Double])

    func resolved() throws -> Variable.Kind {
        switch self {
        case .constant(let v): .constant(v)
        case .auxiliary(let e): .auxiliary(try ExpressionParser.parse(e))
        case .flow(let e): .flow(try ExpressionParser.parse(e))
        case .stock(let initial, let net): .stock(initial: try ExpressionParser.parse(initial), net: try ExpressionParser.parse(net))
        case .lookup(let xs, let ys): .lookup(try Lookup(xs: xs, ys: ys))
        }
    }
}

/// An expression in Vensim's syntax.
func expression(_ text: String) throws -> Expression { try ExpressionParser.parse(text) }

/// The passes up to classification.
func classified(_ m: Model, parameters: [String] = [], outputs: [String]? = nil) throws -> (ResolvedModel, ValueClasses) {
    let resolved = try Resolution.resolve(m, parameters: parameters, overrides: [:], outputs: outputs)
    return (resolved, try Classification.classify(resolved))
}

/// The message of the `CompileError` `body` throws, or nil.
func compileErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as CompileError {
        return error.message
    } catch {
        return "\(error)"
    }
}
