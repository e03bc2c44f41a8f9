import SweepDiagnostics
import Testing
@testable import SweepModel
import Yams

/// The one YAML reader: what its core reports to a front end, and how it finds bad keys.
@Suite struct YAMLSourceTests {
    struct Worded: Error { let text: String }

    /// The failure the core hands to a front end, as text.
    static func failure(_ text: String) -> String {
        do {
            _ = try YAMLSource(composing: text, file: "f.yaml") { failure in
                switch failure {
                case .nestedTooDeep(let line, let column): Worded(text: "deep \(line):\(column)")
                case .empty: Worded(text: "empty")
                case .yaml: Worded(text: "yaml")
                case .notMapping(let node): Worded(text: "not a mapping at \(node.mark?.line ?? 0)")
                }
            }
            return "composed"
        } catch let error as Worded {
            return error.text
        } catch {
            return "\(error)"
        }
    }

    @Test func theCoreLeavesTheWordingToItsCaller() {
        #expect(Self.failure("a: 1\n") == "composed")
        #expect(Self.failure("") == "empty")
        #expect(Self.failure("- 1\n- 2\n") == "not a mapping at 1")
        #expect(Self.failure("a: [1\n") == "yaml")
        #expect(Self.failure("a: " + String(repeating: "[", count: 101) + "\n") == "deep 1:100")   // flow 97 + 2 × (1 indent + 1 indicator) > 100
    }

    @Test func firstBadKeyIsTheFirstInTheFile() throws {
        let source = try YAMLSource(text: "a: 1\n? [x]\n: 2\nb: 3\na: 4\n", file: "k.yaml")
        guard case .mapping(let map) = source.root else { Issue.record("not a mapping"); return }
        guard case .notPlain(let node) = YAMLSource.firstBadKey(in: map) else { Issue.record("expected a complex key"); return }
        #expect(node.mark?.line == 2)
        guard case .repeated(let key, let first, let again) = YAMLSource.firstBadKey(in: map, skippingComplexKeys: true) else {
            Issue.record("expected a repeated key"); return
        }
        #expect(key == "a" && first.mark?.line == 1 && again.mark?.line == 5)
        #expect {
            try source.pairs(source.root, what: "the file")
        } throws: { "\($0)" == "k.yaml:2:3: error: the file: keys must be plain names" }
    }
}
