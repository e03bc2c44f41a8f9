import SweepCLI

SDSweepCommand.runMain()
