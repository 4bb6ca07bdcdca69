"""The parts of the page benchmark; benchmarks/pages.py runs them and explains the method."""
