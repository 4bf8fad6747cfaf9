"""Manifests: which governments a batch assesses, and from which inputs (docs/batch.md).

Two forms, chosen by the file's suffix:

- `.csv`: columns `code,recipe`, one government per row; `recipe` is a recipe file of
  `localgbf assess` (docs/recipe.md), relative to the manifest's folder;
- `.yaml` / `.yml`: the national form, one national land cover and a boundaries layer with one
  feature per government (`localgbf.batch.national`).

`load_manifest` checks everything it can before any work starts and names the line, column,
key or feature of every problem; it reads no raster.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from pydantic import ValidationError

from localgbf.batch.errors import BatchError
from localgbf.batch.national import NationalSpec, NationalTask
from localgbf.batch.tasks import RecipeTask, Task
from localgbf.spatial.errors import SpatialInputError
from localgbf.spatial.vectors import read_layer
from localgbf.spatial.yamlfile import read_yaml_document

CSV_COLUMNS = ("code", "recipe")
# A code names the result file `DIR/<code>.json`, so it must be a plain file name.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
CODE_RULE = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 80"


@dataclass(frozen=True)
class Manifest:
    """The governments of a batch, in manifest order."""

    source: str
    form: str
    tasks: tuple[Task, ...]
    national: NationalSpec | None = None
    left_out: tuple[str, ...] = field(default=(), metadata={"doc": "features not asked for"})
    not_found: tuple[str, ...] = field(default=(), metadata={"doc": "codes with no feature"})

    @property
    def codes(self) -> list[str]:
        return [t.code for t in self.tasks]


def check_code(code: str, source: str, where: str) -> str:
    if not CODE_PATTERN.match(code):
        raise BatchError(source, f"{code!r} cannot be a government code ({CODE_RULE})", where)
    return code


def read_csv_manifest(path: Path) -> Manifest:
    """A CSV manifest: `code,recipe` per row, recipes relative to the manifest's folder."""
    base = path.resolve().parent
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchError(str(path), f"cannot be read as UTF-8 text ({exc})") from exc
    if not rows:
        raise BatchError(str(path), "is empty; the first line must be the header code,recipe")
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise BatchError(
            str(path),
            f"has no column {', '.join(missing)}; the header must be code,recipe "
            f"(found {','.join(header) or 'nothing'})",
            "line 1",
        )
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise BatchError(
            str(path), f"unknown column {', '.join(unknown)}; the columns are code,recipe", "line 1"
        )
    position = {name: header.index(name) for name in CSV_COLUMNS}
    tasks: list[RecipeTask] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in position.items()}
        for name in CSV_COLUMNS:
            if not cells[name]:
                raise BatchError(str(path), "is empty", f"line {line}, {name}")
        code = check_code(cells["code"], str(path), f"line {line}, code")
        if code in seen:
            raise BatchError(
                str(path), f"{code} is already listed on line {seen[code]}", f"line {line}, code"
            )
        seen[code] = line
        recipe = Path(cells["recipe"]).expanduser()
        recipe = recipe if recipe.is_absolute() else base / recipe
        if not recipe.is_file():
            raise BatchError(str(path), f"no such recipe file: {recipe}", f"line {line}, recipe")
        tasks.append(RecipeTask(code=code, recipe=recipe, line=line, manifest=path.name))
    if not tasks:
        raise BatchError(str(path), "lists no government (only a header)")
    return Manifest(source=str(path), form="recipes", tasks=tuple(tasks))


def read_national_manifest(path: Path) -> Manifest:
    """A national manifest (YAML): checked with the line of every problem, then its tasks."""
    try:
        doc = read_yaml_document(path)
    except SpatialInputError as exc:
        raise BatchError(exc.source, exc.problem, exc.where) from exc
    try:
        spec = NationalSpec.model_validate(doc.data, context={"base": path.resolve().parent})
    except ValidationError as exc:
        problem = doc.validation_error(exc)
        raise BatchError(problem.source, problem.problem, problem.where) from exc
    for loc, file in spec.files():
        if not file.exists():
            raise BatchError(str(path), f"no such file or folder: {file}", doc.where(loc))
    return national_manifest(spec, source=str(path))


def national_manifest(spec: NationalSpec, *, source: str) -> Manifest:
    """The tasks of a national manifest: one per selected feature of the boundaries layer.

    Reads the boundaries layer (not the raster). Refuses a layer without the code field, a
    feature without a code or with a code given twice, and a feature that holds no polygon.
    """
    ref = spec.boundaries
    try:
        layer = read_layer(ref.path, ref.layer)
        codes = layer.values(ref.code_field)
        names = layer.values(ref.name_field) if ref.name_field else codes
    except SpatialInputError as exc:
        raise BatchError(exc.source, exc.problem, exc.where) from exc
    wanted = set(spec.codes) if spec.codes is not None else None
    seen: dict[str, int] = {}
    tasks: list[Task] = []
    left_out: list[str] = []
    crs_wkt = layer.crs.to_wkt()
    for index, (geometry, raw_code, raw_name) in enumerate(
        zip(layer.polygons(), codes, names, strict=True), start=1
    ):
        where = f"feature {index}, {ref.code_field}"
        code = "" if raw_code is None else str(raw_code).strip()
        if not code:
            raise BatchError(layer.source, "has no code", where)
        check_code(code, layer.source, where)
        if code in seen:
            raise BatchError(
                layer.source, f"{code} is already the code of feature {seen[code]}", where
            )
        seen[code] = index
        if wanted is not None and code not in wanted:
            left_out.append(code)
            continue
        if geometry.is_empty:
            raise BatchError(layer.source, f"{code} holds no polygon", f"feature {index}")
        name = code if raw_name is None or not str(raw_name).strip() else str(raw_name).strip()
        tasks.append(
            NationalTask(
                code=code,
                name=name,
                feature=index,
                layer_name=layer.name,
                geometry_wkb=shapely.to_wkb(geometry),
                crs_wkt=crs_wkt,
                spec=spec,
                species_store=None,
            )
        )
    if not seen:
        raise BatchError(layer.source, "holds no feature, so no government to assess")
    if not tasks:
        raise BatchError(
            layer.source, f"has no feature whose {ref.code_field} is one of the codes asked for"
        )
    not_found = sorted(wanted - set(seen)) if wanted is not None else []
    return Manifest(
        source=source,
        form="national",
        tasks=tuple(tasks),
        national=spec,
        left_out=tuple(left_out),
        not_found=tuple(not_found),
    )


READERS: dict[str, Callable[[Path], Manifest]] = {
    ".csv": read_csv_manifest,
    ".yaml": read_national_manifest,
    ".yml": read_national_manifest,
}


def load_manifest(path: str | Path) -> Manifest:
    """Read a manifest of either form (by its suffix); every problem names where it is."""
    p = Path(path)
    if not p.is_file():
        raise BatchError(str(p), "file not found" if not p.exists() else "is not a file")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise BatchError(
            str(p), f"unknown manifest type {p.suffix or '(no suffix)'}; use .csv or .yaml"
        )
    return reader(p)
