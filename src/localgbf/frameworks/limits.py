"""Limits on what an import may make the platform read, shared by every importer.

A file uploaded by a city is untrusted: a zip of a few kilobytes can inflate to terabytes (a
"zip bomb"), a GeoTIFF header can announce more cells than the machine has memory, and a
spreadsheet can hold a million rows. Each importer checks these limits *before* reading the
body, and refuses with a message naming the file, the limit and how far the file exceeds it.

The values are generous for real data: the largest real archive in the test data is a GBIF
Darwin Core Archive that inflates about 10 times; a 100 m land-cover grid of a large
metropolitan region (200 x 200 km) is 4 million cells, far below the raster limit; a national
target list or a plan's actions and budget lines are hundreds of rows, not tens of thousands.
"""

from __future__ import annotations

import zipfile

MAX_UNCOMPRESSED_BYTES = 8 * 1024**3
"""Total size of the members of one zip once inflated (8 GiB)."""

MAX_COMPRESSION_RATIO = 200
"""Inflated / compressed size of a member larger than RATIO_CHECK_BYTES. Text compresses
10-30 times; a member of one repeated byte (the usual bomb) compresses about 1000 times."""

RATIO_CHECK_BYTES = 16 * 1024**2
"""Members inflating to less than this are not checked for their ratio (tiny files compress
oddly and cannot hurt)."""

MAX_ZIP_MEMBERS = 10_000
"""Members in one zip: a Darwin Core Archive has a handful, a shapefile zip half a dozen."""

MAX_RASTER_CELLS = 400_000_000
"""Cells of one raster band (rows x columns) read into memory: 400 MB as uint8, 3.2 GB as
float64 (population). A 10 m grid of a 200 x 200 km region."""

MAX_TABLE_ROWS = 50_000
"""Data rows of one CSV/XLSX import template (plan actions, budget lines, national targets,
exchange rates)."""


def _mib(size: int) -> str:
    return f"{size / 1024**2:,.0f} MiB"


def zip_problem(archive: zipfile.ZipFile) -> str | None:
    """Why `archive` must not be inflated (too many members, too large once inflated, or a
    member that inflates suspiciously far), or None. Reads only the central directory."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        return f"holds {len(infos):,} files; the limit is {MAX_ZIP_MEMBERS:,}"
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        return (
            f"inflates to {_mib(total)}; the limit is {_mib(MAX_UNCOMPRESSED_BYTES)} "
            "(is it a zip bomb?)"
        )
    for info in infos:
        if info.file_size < RATIO_CHECK_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            return (
                f"member {info.filename} inflates {ratio:,.0f} times (to {_mib(info.file_size)}); "
                f"the limit is {MAX_COMPRESSION_RATIO} times (is it a zip bomb?)"
            )
    return None


def raster_problem(width: int, height: int, bands: int = 1) -> str | None:
    """Why a raster of this size must not be read into memory, or None."""
    cells = width * height
    if cells > MAX_RASTER_CELLS:
        return (
            f"has {width:,} x {height:,} = {cells:,} cells; the limit is {MAX_RASTER_CELLS:,} "
            "(clip it to the city or coarsen it first)"
        )
    return None
