import SweepCLI

SDSweepCommand.main()
