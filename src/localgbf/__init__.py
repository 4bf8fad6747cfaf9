"""localgbf: plan, measure and report a local government's share of the KMGBF."""

__version__ = "0.1.0"
