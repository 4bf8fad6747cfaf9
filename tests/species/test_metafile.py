"""meta.xml: every problem is named with its line and attribute."""

from __future__ import annotations

import pytest

from localgbf.species.errors import SpeciesDataError
from localgbf.species.metafile import parse_meta

HEAD = '<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">\n'
CORE = (
    '  <core encoding="{encoding}" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" '
    'fieldsEnclosedBy="" ignoreHeaderLines="1" rowType="http://rs.tdwg.org/dwc/terms/Occurrence">\n'
    "    <files><location>occurrence.txt</location></files>\n"
    '    <id index="0"/>\n'
    '    <field index="1" term="http://rs.tdwg.org/dwc/terms/scientificName"/>\n'
    '    <field term="http://rs.tdwg.org/dwc/terms/basisOfRecord" default="HumanObservation"/>\n'
    "  </core>\n"
)


def meta(encoding: str = "UTF-8", tail: str = "</archive>\n") -> bytes:
    return (HEAD + CORE.format(encoding=encoding) + tail).encode()


def test_a_descriptor_gives_delimiters_header_lines_fields_and_defaults() -> None:
    parsed = parse_meta(meta(), "meta.xml")
    core = parsed.core
    assert core.row_type_name == "Occurrence"
    assert core.delimiter == "\t"
    assert core.quote == ""
    assert core.header_lines == 1
    assert core.files == ("occurrence.txt",)
    assert core.id_index == 0
    assert [(f.name, f.index, f.default) for f in core.fields] == [
        ("scientificName", 1, None),
        ("basisOfRecord", None, "HumanObservation"),
    ]
    assert parsed.metadata == "eml.xml"


def test_attributes_left_out_take_the_darwin_core_text_defaults() -> None:
    data = (
        b'<archive xmlns="http://rs.tdwg.org/dwc/text/"><core rowType="x/Occurrence">'
        b"<files><location>o.csv</location></files>"
        b'<field index="0" term="t/scientificName"/></core></archive>'
    )
    core = parse_meta(data, "meta.xml").core
    assert (core.delimiter, core.quote, core.encoding, core.header_lines) == (",", '"', "UTF-8", 0)


def test_malformed_xml_names_the_line() -> None:
    broken = meta(tail="  <extension>\n</archive>\n")
    with pytest.raises(SpeciesDataError, match=r"meta.xml, line 9: is not well-formed XML"):
        parse_meta(broken, "meta.xml")


def test_an_unknown_encoding_names_the_line_and_the_attribute() -> None:
    with pytest.raises(
        SpeciesDataError, match=r"meta.xml, line 2, field encoding: unknown encoding 'UTF-9'"
    ):
        parse_meta(meta(encoding="UTF-9"), "meta.xml")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('<field index="x" term="t/year"/>', r"line 3, field index: index='x' is not a whole"),
        ('<field index="-1" term="t/year"/>', r"line 3, field index: index='-1' is negative"),
        ('<field term="t/year"/>', r"line 3, field index: <field> for t/year has neither"),
        ('<field index="2"/>', r"line 3, field term: <field> has no term"),
    ],
)
def test_a_bad_field_element_names_its_line(field: str, message: str) -> None:
    data = (
        '<archive xmlns="http://rs.tdwg.org/dwc/text/">\n<core rowType="x/Occurrence">'
        "<files><location>o.txt</location></files>\n" + field + "\n</core></archive>"
    ).encode()
    with pytest.raises(SpeciesDataError, match=message):
        parse_meta(data, "meta.xml")


def test_a_root_element_other_than_archive_is_refused() -> None:
    with pytest.raises(SpeciesDataError, match="the root element is <eml>, not <archive>"):
        parse_meta(b"<eml/>", "meta.xml")


def test_a_core_without_data_file_is_refused() -> None:
    data = b'<archive><core rowType="x/Occurrence"><field index="0" term="t/a"/></core></archive>'
    with pytest.raises(SpeciesDataError, match=r"line 1: <core> names no data file"):
        parse_meta(data, "meta.xml")
