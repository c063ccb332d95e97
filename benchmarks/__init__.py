"""Benchmarks of dxplan (see benchmarks/README.md); a package so tests can import the generator."""
