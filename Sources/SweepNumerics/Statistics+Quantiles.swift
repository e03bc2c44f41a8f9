import Dispatch

extension Statistics {
    /// The q-quantiles of `x` (any order, no NaN) with linear interpolation between order
    /// statistics, numpy's default (Hyndman & Fan type 7): the same values, bit for bit, as
    /// ``quantile(sorted:_:)`` on `x.sorted()`, found by selection instead of a sort.
    ///
    /// Only the order statistics the levels need (⌊h⌋ and ⌊h⌋ + 1 of each, h = (n − 1)·q) are
    /// put in place: a quickselect that recurses only into the sides holding one of them, so a
    /// handful of levels cost a few passes over the data rather than n log n comparisons.
    ///
    /// ```swift
    /// Statistics.quantiles([4, 1, 3, 2], [0.5, 0.95])   // [2.5, 3.85]
    /// ```
    public static func quantiles(_ x: [Double], _ levels: [Double]) -> [Double] {
        precondition(!x.isEmpty && levels.allSatisfy { $0 >= 0 && $0 <= 1 })
        let n = x.count
        let positions = levels.map { Double(n - 1) * $0 }
        var wanted = Set<Int>()
        for h in positions {
            let lo = Int(h.rounded(.down))
            wanted.insert(lo)
            wanted.insert(Swift.min(lo + 1, n - 1))
        }
        var a = x
        a.withUnsafeMutableBufferPointer { select(Array(wanted).sorted(), in: $0, from: 0, to: n) }
        return positions.map { h in
            let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, n - 1)
            return a[lo] + (h - Double(lo)) * (a[hi] - a[lo])
        }
    }

    /// `body(i)` for i in 0..<count, spread over every core; element i of the result is
    /// `body(i)` whatever the thread count, as each index is computed alone.
    public static func perIndex<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = body($0) }
        return results.map { $0! }
    }

    /// Puts the order statistics at `ranks` (sorted, all in from..<to) in place within
    /// a[from..<to]: Hoare partitions around the median of three, recursing into each part
    /// that holds a wanted rank.
    private static func select(_ ranks: [Int], in a: UnsafeMutableBufferPointer<Double>, from: Int, to: Int) {
        var ranks = ArraySlice(ranks), from = from, to = to
        while to - from > 16, !ranks.isEmpty {
            let mid = from + (to - from) / 2
            let pivot = medianOfThree(a[from], a[mid], a[to - 1])
            var i = from, j = to - 1
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Now a[from...j] ≤ pivot ≤ a[i..<to], and a[j+1..<i] all equal the pivot.
            let left = ranks.prefix { $0 <= j }
            let right = ranks.drop { $0 < i }
            if !left.isEmpty { select(Array(left), in: a, from: from, to: j + 1) }
            (ranks, from) = (right, i)
        }
        guard !ranks.isEmpty else { return }
        // A short range: insertion sort.
        for k in (from + 1)..<Swift.max(to, from + 1) {
            let v = a[k]
            var m = k - 1
            while m >= from && a[m] > v { a[m + 1] = a[m]; m -= 1 }
            a[m + 1] = v
        }
    }

    private static func medianOfThree(_ x: Double, _ y: Double, _ z: Double) -> Double {
        Swift.max(Swift.min(x, y), Swift.min(Swift.max(x, y), z))
    }
}

