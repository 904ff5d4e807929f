"""``make bench``: newsbot's benchmarks (``python -m tests.benchmarks`` from the repo root).

Each module measures one thing and returns rows for the shared table; :mod:`.__main__` runs
them in order, prints the table and writes JSON under ``bench-results/``. Nothing here is
collected by pytest (no ``test_`` files) and nothing is asserted: timings are compared as
ratios within one run. Method and a sample run: ``docs/benchmarks.md``.
"""
