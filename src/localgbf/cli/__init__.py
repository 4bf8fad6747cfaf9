"""The `localgbf` command line: one module per command group, wired in `main.py`."""
