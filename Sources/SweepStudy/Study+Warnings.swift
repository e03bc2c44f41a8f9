import SweepSampling

extension Study {
    /// What is doubtful in the study's parameter space, said before any run (and kept with
    /// the run's other warnings): ranges that cross zero for a parameter whose nominal value,
    /// the model's constant or else the file's `nominal:`, has one sign.
    public var designWarnings: [String] {
        space.signWarnings { model.constantValue(named: $0.name) ?? $0.nominal }
    }
}
