"""Measurements that run in a process of their own, so each one's peak memory is its own.

Each task is a module run as ``python -m bench.tasks.NAME``; it prints one JSON object, its
results, with the process's peak resident memory (``peak_rss_mb``).
"""
