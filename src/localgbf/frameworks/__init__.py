"""Versioned reference frameworks (KMGBF, Plan of Action 15/12, Singapore Index, scales).

Every framework is data shipped in `frameworks/data/`, loaded into frozen pydantic models and
validated on load. Nothing here imports Django.
"""
