"""The parts of the load benchmark; benchmarks/load.py runs them and explains the method."""
