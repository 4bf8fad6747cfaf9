"""Spatial indicators of the Singapore Index from land cover, vector layers and population.

Loaders (`open_*`, `read_*`, `load_*`) take paths and return plain dataclasses; everything
else takes those objects and returns pydantic models. Nothing here imports Django.
"""
