// SweepCompiler: see DESIGN.md for this stage's role.
