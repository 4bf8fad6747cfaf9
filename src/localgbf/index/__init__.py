"""The Singapore Index engine: value -> score, band tables, assessments, totals, baseline.

Pure Python on top of `localgbf.frameworks.singapore_index`; no Django, no settings. The web
app, the CLI and the `assess` pipeline call these functions; nothing here reads a file except
the `load_*` functions.
"""
