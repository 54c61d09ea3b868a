"""Benchmarks: each ``bench_*.py`` module exposes ``run(repeat: int) -> list[Result]``.

``python bench/run.py`` runs them all and prints one table of ratios against bare baselines
measured in the same run (see bench/README.md).
"""
