"""Occurrence records fetched from GBIF and iNaturalist for a government's boundary.

Every fetch goes through the species importer (`localgbf.species.occurrences`), so a fetched
set is stored like an imported file: all or nothing, once, with its citation. Nothing here
imports Django or reads settings: the caller passes the network transport, the clock and any
credentials.
"""
