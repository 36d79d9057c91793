"""Evaluation documents and follow-up files: what they say of a plan's actions at a date, as
snapshots in graphs of their own (issue 16)."""
