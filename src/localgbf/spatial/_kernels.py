# mypy: disable-error-code="no-untyped-def"
"""numba kernels: streaming passes over land-cover grids and union-find over row runs.

The grids are large (10^8 cells and more), so every pass here reads each cell once, writes
nothing of grid size, and runs in parallel over rows where the work is independent.

A *run* is a maximal horizontal stretch of natural cells in one row with one compartment
label (label 0 = not counted). Patches and groups are unions of runs, found with a
union-find whose links come from comparing each row's runs with those a few rows below.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True, nogil=True)
def _block_area(blocks, block_rows, block_cols, y, x0, x1):
    """Total area of cells x0..x1-1 of row y."""
    by = y // block_rows
    total = 0.0
    x = x0
    while x < x1:
        bx = x // block_cols
        stop = min(x1, (bx + 1) * block_cols)
        total += (stop - x) * blocks[by, bx]
        x = stop
    return total


@njit(cache=True, parallel=True)
def code_counts(codes, size, threads):
    """How many cells hold each code 0..size-1."""
    rows = codes.shape[0]
    partial = np.zeros((threads, size), np.int64)
    for t in prange(threads):
        for y in range(rows * t // threads, rows * (t + 1) // threads):
            for x in range(codes.shape[1]):
                partial[t, codes[y, x]] += 1
    return partial.sum(axis=0)


@njit(cache=True, parallel=True)
def area_histogram(
    codes, labels, use_labels, nlabels, code_index, ncodes, blocks, block_rows, block_cols, threads
):
    """Area (ha) per (label, compact code index). Cells with label 0 or index -1 are skipped."""
    rows, cols = codes.shape
    nbx = blocks.shape[1]
    partial = np.zeros((threads, nlabels, ncodes), np.float64)
    for t in prange(threads):
        hist = partial[t]
        for y in range(rows * t // threads, rows * (t + 1) // threads):
            by = y // block_rows
            for bx in range(nbx):
                weight = blocks[by, bx]
                x1 = min(cols, (bx + 1) * block_cols)
                for x in range(bx * block_cols, x1):
                    k = code_index[codes[y, x]]
                    if k < 0:
                        continue
                    if use_labels:
                        lab = labels[y, x]
                        if lab != 0:
                            hist[lab, k] += weight
                    else:
                        hist[1, k] += weight
    return partial.sum(axis=0)


@njit(cache=True, parallel=True)
def cell_counts(codes, labels, use_labels, nlabels, code_index, ncodes, threads):
    """Cells per (label, compact code index), as area_histogram for equal cells.

    Counts go to four interleaved sub-histograms (by column modulo 4), so that runs of equal
    codes do not wait on the previous increment of the same counter.
    """
    rows, cols = codes.shape
    partial = np.zeros((threads, 4, nlabels, ncodes), np.int64)
    for t in prange(threads):
        hist = partial[t]
        for y in range(rows * t // threads, rows * (t + 1) // threads):
            for x in range(cols):
                k = code_index[codes[y, x]]
                if k < 0:
                    continue
                if use_labels:
                    lab = labels[y, x]
                    if lab != 0:
                        hist[x & 3, lab, k] += 1
                else:
                    hist[x & 3, 1, k] += 1
    return partial.sum(axis=0).sum(axis=0)


@njit(cache=True, parallel=True)
def count_runs(codes, lut, labels, use_labels, counts):
    rows, cols = codes.shape
    for y in prange(rows):
        n = 0
        prev = 0
        for x in range(cols):
            cur = 0
            if lut[codes[y, x]]:
                cur = 1
                if use_labels:
                    cur = labels[y, x]
            if cur != 0 and cur != prev:
                n += 1
            prev = cur
        counts[y] = n


@njit(cache=True, parallel=True)
def fill_runs(codes, lut, labels, use_labels, row_ptr, starts, ends, run_labels):
    rows, cols = codes.shape
    for y in prange(rows):
        k = row_ptr[y]
        prev = 0
        for x in range(cols):
            cur = 0
            if lut[codes[y, x]]:
                cur = 1
                if use_labels:
                    cur = labels[y, x]
            if cur != prev:
                if prev != 0:
                    ends[k - 1] = x
                if cur != 0:
                    starts[k] = x
                    run_labels[k] = cur
                    k += 1
                prev = cur
        if prev != 0:
            ends[k - 1] = cols


@njit(cache=True, parallel=True)
def run_areas(row_ptr, starts, ends, blocks, block_rows, block_cols):
    rows = row_ptr.shape[0] - 1
    out = np.empty(starts.shape[0], np.float64)
    for y in prange(rows):
        for i in range(row_ptr[y], row_ptr[y + 1]):
            out[i] = _block_area(blocks, block_rows, block_cols, y, starts[i], ends[i])
    return out


@njit(cache=True, inline="always")
def _find(parent, i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@njit(cache=True, inline="always")
def _union(parent, a, b):
    a = _find(parent, a)
    b = _find(parent, b)
    if a < b:
        parent[b] = a
    elif b < a:
        parent[a] = b


@njit(cache=True, nogil=True)
def _link_touching_rows(row_ptr, starts, ends, run_labels, parent, y0, y1):
    """8-connectivity links between rows y and y + 1 for y0 <= y < y1."""
    for y in range(y0, y1):
        p0, p1 = row_ptr[y], row_ptr[y + 1]
        q0, q1 = row_ptr[y + 1], row_ptr[y + 2]
        j0 = q0
        for i in range(p0, p1):
            lo = starts[i] - 1
            hi = ends[i]
            while j0 < q1 and ends[j0] - 1 < lo:
                j0 += 1
            j = j0
            while j < q1 and starts[j] <= hi:
                if run_labels[j] == run_labels[i]:
                    _union(parent, i, j)
                j += 1


@njit(cache=True, parallel=True)
def link_touching(row_ptr, starts, ends, run_labels, parent, threads):
    """8-connectivity: runs in consecutive rows that touch (overlap or share a corner).

    Each thread links the rows of its own band: the runs of a band are a contiguous range of
    indices, and a union keeps the smaller index as root, so bands never write to each
    other's entries. The row pairs across band edges are linked afterwards.
    """
    rows = row_ptr.shape[0] - 1
    for t in prange(threads):
        y0 = rows * t // threads
        y1 = rows * (t + 1) // threads
        _link_touching_rows(row_ptr, starts, ends, run_labels, parent, y0, max(y0, y1 - 1))
    for t in range(1, threads):
        y = rows * t // threads - 1
        if 0 <= y < rows - 1:
            _link_touching_rows(row_ptr, starts, ends, run_labels, parent, y, y + 1)


@njit(cache=True)
def set_totals(ids, nsets, starts, ends, run_area, constant, labels):
    """Area and label of each set, from its runs' ids. `run_area` is used unless `constant`
    (the area of every cell) is positive."""
    area = np.zeros(nsets, np.float64)
    label = np.zeros(nsets, labels.dtype)
    for i in range(ids.shape[0]):
        k = ids[i]
        if constant > 0:
            area[k] += (ends[i] - starts[i]) * constant
        else:
            area[k] += run_area[i]
        label[k] = labels[i]
    return area, label


@njit(cache=True)
def merge_totals(ids, nsets, values, labels):
    """Sum `values` (one per member) into sets, keeping a member's label for each set."""
    total = np.zeros(nsets, np.float64)
    label = np.zeros(nsets, labels.dtype)
    for i in range(ids.shape[0]):
        total[ids[i]] += values[i]
        label[ids[i]] = labels[i]
    return total, label


@njit(cache=True)
def compact_roots(parent):
    """Consecutive ids 0..n-1 for the sets of a union-find where every root is its set's
    smallest index (as `_union` keeps it)."""
    n = parent.shape[0]
    ids = np.empty(n, np.int32)
    count = 0
    for i in range(n):
        r = _find(parent, i)
        if r == i:
            ids[i] = count
            count += 1
        else:
            ids[i] = ids[r]
    return ids, count


@njit(cache=True, nogil=True)
def _link_gap_rows(row_ptr, starts, ends, run_labels, patch, next_other, parent, reach, y0, y1):
    """Links between runs of rows y0..y1-1 and the rows up to len(reach)-1 below them.

    `reach[k]` is the largest column offset |dx| at which two cells k rows apart are linked
    (-1: none). Runs are compared by their patch ids in `parent` (a union-find over patches).
    Most runs near a run belong to its own patch; `next_other[j]` (the next run in j's row
    whose patch differs from j's) skips a stretch of them at once.
    """
    rows = row_ptr.shape[0] - 1
    kmax = reach.shape[0] - 1
    for y in range(y0, y1):
        p0, p1 = row_ptr[y], row_ptr[y + 1]
        if p0 == p1:
            continue
        d = reach[0]
        for i in range(p0, p1 - 1):
            j = i + 1
            while j < p1 and starts[j] - ends[i] + 1 <= d:
                if run_labels[j] == run_labels[i] and patch[i] != patch[j]:
                    _union(parent, patch[i], patch[j])
                j += 1
        for k in range(1, kmax + 1):
            if y + k >= rows:
                break
            d = reach[k]
            if d < 0:
                continue
            q0, q1 = row_ptr[y + k], row_ptr[y + k + 1]
            j0 = q0
            for i in range(p0, p1):
                lo = starts[i] - d
                hi = ends[i] - 1 + d
                pi = patch[i]
                li = run_labels[i]
                while j0 < q1 and ends[j0] - 1 < lo:
                    j0 += 1
                j = j0
                last = pi
                while j < q1 and starts[j] <= hi:
                    pj = patch[j]
                    if pj in (pi, last):
                        j = next_other[j]
                        continue
                    if run_labels[j] == li:
                        _union(parent, pi, pj)
                        last = pj
                    j += 1


@njit(cache=True, parallel=True)
def next_other_patch(row_ptr, patch):
    """For each run, the index of the next run of its row with another patch (or the row's
    end)."""
    rows = row_ptr.shape[0] - 1
    out = np.empty(patch.shape[0], np.int32)
    for y in prange(rows):
        p0, p1 = row_ptr[y], row_ptr[y + 1]
        for i in range(p1 - 1, p0 - 1, -1):
            if i + 1 < p1 and patch[i + 1] == patch[i]:
                out[i] = out[i + 1]
            else:
                out[i] = i + 1
    return out


@njit(cache=True, parallel=True)
def link_gap(row_ptr, starts, ends, run_labels, patch, npatches, reach, threads):
    """Union-find over patches with every gap link; each thread links its own band of rows
    into a private copy, and the copies are merged at the end."""
    rows = row_ptr.shape[0] - 1
    next_other = next_other_patch(row_ptr, patch)
    parents = np.empty((threads, npatches), np.int32)
    for t in prange(threads):
        for p in range(npatches):
            parents[t, p] = p
        _link_gap_rows(
            row_ptr,
            starts,
            ends,
            run_labels,
            patch,
            next_other,
            parents[t],
            reach,
            rows * t // threads,
            rows * (t + 1) // threads,
        )
    parent = parents[0].copy()
    for t in range(1, threads):
        other = parents[t]
        for p in range(npatches):
            if other[p] != p:
                _union(parent, p, _find(other, p))
    return parent


@njit(cache=True, parallel=True)
def paint_runs(row_ptr, starts, ends, values, cols):
    """A grid holding `values[i]` on the cells of run i and 0 elsewhere."""
    rows = row_ptr.shape[0] - 1
    out = np.zeros((rows, cols), np.int32)
    for y in prange(rows):
        for i in range(row_ptr[y], row_ptr[y + 1]):
            for x in range(starts[i], ends[i]):
                out[y, x] = values[i]
    return out
