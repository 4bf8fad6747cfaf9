"""Reports and exports built from the engine's models: score cards (CSV, XLSX, PDF), SVG charts.

The builders here are pure: they take models and return text or bytes; only the font discovery
in `pdf.py` looks at the file system, and only where it is told to look. No Django.
"""
