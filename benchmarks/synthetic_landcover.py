"""A seeded generator of large synthetic land covers for the spatial benchmarks.

Five classes in ESA WorldCover codes: tree cover (10, the "natural" class, about 30 % of the
cells, in clumps from a few cells to several km across with ragged edges), grassland (30),
cropland (40), built-up (50) and water (80). Two smooth random fields at 1/40 of the
resolution are interpolated bilinearly and roughened with per-cell hash noise; thresholds
come from a sample so that the shares hold for any size. Rows are rendered in parallel and
the whole grid is never held twice, so 4 × 10^8 cells need only the 400 MB of the result.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange
from scipy import ndimage

NATURAL = 10
OTHER_CODES = np.array([30, 40, 50, 80], dtype=np.uint8)
SCALE = 40
NOISE = 0.6


@njit(cache=True, inline="always")
def _noise(seed, y, x):  # type: ignore[no-untyped-def]
    """A uniform number in [-1, 1) from a hash of (seed, y, x)."""
    h = (seed * 0x9E3779B1 + y * 0x85EBCA77 + x * 0xC2B2AE3D) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 0x2C1B3C6D) & 0xFFFFFFFF
    h ^= h >> 12
    h = (h * 0x297A2D39) & 0xFFFFFFFF
    h ^= h >> 15
    return h / 2147483648.0 - 1.0


@njit(cache=True, inline="always")
def _bilinear(field, fy, fx):  # type: ignore[no-untyped-def]
    iy = int(fy)
    ix = int(fx)
    wy = fy - iy
    wx = fx - ix
    top = field[iy, ix] * (1 - wx) + field[iy, ix + 1] * wx
    bottom = field[iy + 1, ix] * (1 - wx) + field[iy + 1, ix + 1] * wx
    return top * (1 - wy) + bottom * wy


@njit(cache=True)
def _sample(f1, rows, cols, seed, n):  # type: ignore[no-untyped-def]
    out = np.empty(n)
    for i in range(n):
        y = (i * 7919) % rows
        x = (i * 104729) % cols
        out[i] = _bilinear(f1, (y + 0.5) / SCALE + 1, (x + 0.5) / SCALE + 1) + NOISE * _noise(
            seed, y, x
        )
    return out


@njit(cache=True, parallel=True)
def _render(f1, f2, t1, q, codes, seed, out):  # type: ignore[no-untyped-def]
    rows, cols = out.shape
    for y in prange(rows):
        fy = (y + 0.5) / SCALE + 1
        for x in range(cols):
            fx = (x + 0.5) / SCALE + 1
            a = _bilinear(f1, fy, fx) + NOISE * _noise(seed, y, x)
            if a > t1:
                out[y, x] = NATURAL
                continue
            b = _bilinear(f2, fy, fx)
            k = 0
            while k < 3 and b > q[k]:
                k += 1
            out[y, x] = codes[k]


def generate(
    rows: int = 10_000, cols: int = 10_000, *, seed: int = 20_240_501, natural_share: float = 0.30
) -> np.ndarray:
    """A (rows, cols) uint8 land cover; the same seed and size give the same grid."""
    rng = np.random.default_rng(seed)
    low = (rows // SCALE + 4, cols // SCALE + 4)
    f1 = ndimage.gaussian_filter(rng.standard_normal(low), 1.5)
    f2 = ndimage.gaussian_filter(rng.standard_normal(low), 3.0)
    f1 /= f1.std()
    f2 /= f2.std()
    sample = _sample(f1, rows, cols, seed, 400_000)
    t1 = float(np.quantile(sample, 1.0 - natural_share))
    q = np.quantile(f2, [0.25, 0.5, 0.75])
    out = np.empty((rows, cols), dtype=np.uint8)
    _render(f1, f2, t1, q, OTHER_CODES, seed, out)
    return out
