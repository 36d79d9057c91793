"""Benchmarks of pst-kg at regional scale (issue #7): ``python -m bench`` (see bench/README.md).

Not part of the installed package: it is run from a clone, beside the project it measures.
"""
