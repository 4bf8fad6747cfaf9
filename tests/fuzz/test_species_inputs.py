"""Fuzzed species inputs: Darwin Core Archives, GBIF simple CSV and iNaturalist CSV
occurrence files, and checklists (Darwin Core Archive or CSV).

Property: an import succeeds, or raises SpeciesDataError naming the file and leaves the
species store byte for byte as it was; never another exception, never a hang. Limits: a zip
that would inflate too far (a zip bomb) is refused from its directory, before inflating.
"""

from __future__ import annotations

import hashlib
import itertools
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localgbf.frameworks import limits
from localgbf.species.checklists import import_checklist
from localgbf.species.errors import SpeciesDataError
from localgbf.species.occurrences import import_occurrences
from localgbf.species.store import open_store

from .mutate import fuzz_settings, mutated, mutated_zip, no_hang, zip_bomb

_counter = itertools.count()

GBIF_CSV = (
    b"gbifID\tdatasetKey\toccurrenceID\tkingdom\tclass\tscientificName\tdecimalLatitude\t"
    b"decimalLongitude\tcoordinateUncertaintyInMeters\teventDate\tyear\tbasisOfRecord\tlicense\n"
    b"1001\t0ba8dd13\turn:t:1\tAnimalia\tAves\tAlauda arvensis Linnaeus, 1758\t2.111\t2.111\t"
    b"10\t2022-06-01\t2022\tHUMAN_OBSERVATION\tCC_BY_4_0\n"
    b"1002\t0ba8dd13\turn:t:2\tAnimalia\tAves\tBubo bubo (Linnaeus, 1758)\t7.321\t7.3\t\t"
    b"2016-06-01\t2016\tPRESERVED_SPECIMEN\tCC0_1_0\n"
)
CHECKLIST_CSV = (
    b"scientificName,establishment,group\n"
    b"Aedes albopictus Skuse 1894,invasive,insects\n"
    b"Bubo bubo,native,\n"
)
META = b"""<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">
  <core encoding="UTF-8" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" fieldsEnclosedBy=""
        ignoreHeaderLines="1" rowType="http://rs.tdwg.org/dwc/terms/Occurrence">
    <files><location>occurrence.txt</location></files>
    <id index="0"/>
    <field index="0" term="http://rs.tdwg.org/dwc/terms/occurrenceID"/>
    <field index="1" term="http://rs.tdwg.org/dwc/terms/scientificName"/>
    <field index="2" term="http://rs.tdwg.org/dwc/terms/decimalLatitude"/>
    <field index="3" term="http://rs.tdwg.org/dwc/terms/decimalLongitude"/>
    <field index="4" term="http://rs.tdwg.org/dwc/terms/eventDate"/>
    <field term="http://rs.tdwg.org/dwc/terms/basisOfRecord" default="HumanObservation"/>
  </core>
</archive>
"""
OCCURRENCES = (
    b"occurrenceID\tscientificName\tdecimalLatitude\tdecimalLongitude\teventDate\n"
    b"a1\tAlauda arvensis\t2.111\t2.111\t2022-06-01\n"
    b"a2\tBubo bubo\t7.321\t7.321\t2021-05-02\n"
)


def tree_checksum(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def seeds(shared_data: Path) -> dict[str, list[dict[str, bytes]]]:
    with zipfile.ZipFile(shared_data / "occurrences/gbif_dwca_sample/gbif-results.zip") as z:
        gbif = {n: z.read(n) for n in ("meta.xml", "occurrence.txt", "metadata.xml")}
    monaco = shared_data / "checklists/griis/monaco"
    griis = {p.name: p.read_bytes() for p in monaco.iterdir() if p.suffix in (".txt", ".xml")}
    inat = (shared_data / "occurrences/inaturalist_sample/get_observations.csv").read_bytes()
    return {
        "occurrence archives": [gbif, {"meta.xml": META, "occurrence.txt": OCCURRENCES}],
        "occurrence tables": [{"x.csv": GBIF_CSV}, {"x.csv": inat}],
        "checklist archives": [griis],
        "checklist tables": [{"x.csv": CHECKLIST_CSV}],
    }


TEXT_MEMBERS = ("meta.xml", "occurrence.txt", "taxon.txt", "distribution.txt",
                "speciesprofile.txt", "eml.xml", "metadata.xml")  # fmt: skip


def _input(data: st.DataObject, members: dict[str, bytes], tmp_path: Path) -> Path:
    """A zip of the members (mutated inside), or the one table mutated as a plain file."""
    number = next(_counter)
    if len(members) == 1:
        (only,) = members.values()
        path = tmp_path / f"input-{number}.csv"
        path.write_bytes(data.draw(mutated(only, text=True)))
    else:
        path = tmp_path / f"input-{number}.zip"
        path.write_bytes(data.draw(mutated_zip(members, text_members=TEXT_MEMBERS)))
    return path


def _check(run, path: Path, store_dir: Path) -> None:
    before = tree_checksum(store_dir)
    try:
        with no_hang(60):
            run(path)
    except SpeciesDataError as exc:
        assert path.name in str(exc), f"the message does not name the file: {exc}"
        assert tree_checksum(store_dir) == before, f"a refused import changed the store: {exc}"


@given(st.sampled_from(["occurrence archives", "occurrence tables"]), st.data())
@fuzz_settings(120, deadline_s=40)
def test_any_occurrence_file_imports_or_is_refused_leaving_the_store_as_it_was(
    seeds, tmp_path, kind, data
):
    members = data.draw(st.sampled_from(seeds[kind]))
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    path = _input(data, members, tmp_path)
    _check(lambda p: import_occurrences(p, store), path, store_dir)
    path.unlink()


@given(st.sampled_from(["checklist archives", "checklist tables"]), st.data())
@fuzz_settings(150, deadline_s=40)
def test_any_checklist_imports_or_is_refused_leaving_the_store_as_it_was(
    seeds, tmp_path, kind, data
):
    members = data.draw(st.sampled_from(seeds[kind]))
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    path = _input(data, members, tmp_path)
    _check(lambda p: import_checklist(p, store), path, store_dir)
    path.unlink()


@pytest.mark.parametrize("importer", [import_occurrences, import_checklist])
def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path, monkeypatch, importer):
    """64 MiB of zeros deflate to about 64 KiB: a ratio near 1000, over the limit of 200."""
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(zip_bomb(size=64 * 1024**2))
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    before = tree_checksum(store_dir)
    with pytest.raises(SpeciesDataError, match=r"bomb\.zip: member occurrence\.txt inflates "
                       r"[\d,]{3,} times \(to 64 MiB\); the limit is 200 times"):  # fmt: skip
        importer(bomb, store)
    assert tree_checksum(store_dir) == before


def test_a_zip_too_large_once_inflated_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1024**2)
    archive = tmp_path / "big.zip"
    archive.write_bytes(zip_bomb(size=2 * 1024**2))
    with pytest.raises(SpeciesDataError, match=r"big\.zip: inflates to 2 MiB; the limit is 1 MiB"):
        import_occurrences(archive, open_store(tmp_path / "store"))
