// SweepAnalysis: see DESIGN.md for this stage's role.
