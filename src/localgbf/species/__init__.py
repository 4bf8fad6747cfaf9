"""Species occurrence records and checklists -> Singapore Index indicators 3, 4, 5, 6 and 9.

Records (Darwin Core Archive, GBIF simple CSV, iNaturalist CSV) and checklists (GRIIS Darwin Core
checklists, plain CSV) are imported all-or-nothing into a per-government store: a folder of
Parquet files queried with DuckDB. Nothing here imports Django.
"""
