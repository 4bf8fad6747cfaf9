"""Forms of the assessment pages.

Ranges and units are checked by the engine, not here, so that every message about a value names
the indicator and the accepted range in the engine's precise words; these forms only turn the
posted text into numbers, lists and yes/no answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.singapore_index import DEFAULT_EDITION, SCORES, load_singapore_index
from localgbf.index.forms import FormField, IndicatorForm
from localgbf.index.rescore import ScoreDifference
from localgbf.web.core.uploads import check_upload
from localgbf.web.datasets.models import Dataset

NUMBER_SPLIT = re.compile(r"[\s,;，；]+")
NAME_SPLIT = re.compile(r"[\n;；]+")


def _lines(text: str, pattern: re.Pattern[str] = NAME_SPLIT) -> list[str]:
    return [part.strip() for part in pattern.split(text or "") if part.strip()]


def edition_choices() -> list[tuple[str, str]]:
    return [(ed.edition, f"{ed.edition} — {ed.document}") for ed in load_singapore_index().editions]


class CreateAssessmentForm(forms.Form):
    edition = forms.ChoiceField(label=_("Edition"), initial=DEFAULT_EDITION)
    reference_year = forms.IntegerField(
        label=_("Reference year"),
        min_value=1900,
        max_value=2200,
        help_text=_("The year the data describe, e.g. 2024."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = edition_choices()
        self.fields["reference_year"].initial = timezone.now().year - 1


class DataSourcesMixin(forms.Form):
    data_sources = forms.CharField(
        label=_("Data sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. “Kunming Statistical Yearbook 2024, table 12-3”."),
    )

    def sources(self) -> list[str]:
        return _lines(self.cleaned_data.get("data_sources") or "", re.compile(r"\n+"))


class ValueForm(DataSourcesMixin):
    value = forms.FloatField(label=_("Value"), widget=forms.NumberInput(attrs={"step": "any"}))
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "si-units", "autocomplete": "off"}),
    )

    field_order = ["value", "unit", "data_sources"]


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[(s, str(s)) for s in SCORES],
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this score: what the city has, compared with what the indicator asks."),
    )


class EvidenceForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, validators=[check_upload])
    dataset = forms.ModelChoiceField(
        label=_("Or a dataset already uploaded"),
        queryset=Dataset.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, government: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if government is not None:
            self.fields["dataset"].queryset = government.datasets.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(k) for k in ("note", "link", "file", "dataset")):
            raise forms.ValidationError(_("Give a note, a link, a file or a dataset."))
        return data


class ProfileForm(forms.Form):
    location = forms.CharField(label=_("Location"), required=False, max_length=300)
    area_km2 = forms.FloatField(label=_("Area (km²)"), required=False, min_value=0)
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0)
    economic_parameters = forms.CharField(
        label=_("Economic parameters"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    physical_features = forms.CharField(
        label=_("Physical features"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    biodiversity_features = forms.CharField(
        label=_("Biodiversity features"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    administration = forms.CharField(
        label=_("Administration"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def profile_fields(self) -> dict[str, Any]:
        return {k: (v if v not in ("", None) else None) for k, v in self.cleaned_data.items()}


class BandTableImportForm(forms.Form):
    file = forms.FileField(
        label=_("Band table file"),
        validators=[check_upload],
        help_text=_(
            "YAML or CSV in the layout of localgbf.index.bands; every band with its source and "
            "page."
        ),
    )


class RescoreForm(forms.Form):
    """One checkbox per indicator the current band table would score differently."""

    def __init__(self, *args: Any, differences: tuple[ScoreDifference, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for diff in differences:
            self.fields[f"i{diff.indicator}"] = forms.BooleanField(
                label=str(diff.indicator), required=False, initial=not diff.confirmed
            )

    def chosen(self) -> list[int]:
        return [int(k[1:]) for k, v in self.cleaned_data.items() if v]


# --- the structured input form of one indicator ---------------------------------------------

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def _number_field(spec: FormField, label: str, help_text: str) -> forms.Field:
    return forms.FloatField(
        label=label,
        required=spec.required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


def _integer_field(spec: FormField, label: str, help_text: str) -> forms.Field:
    return forms.IntegerField(
        label=label,
        required=spec.required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _list_field(spec: FormField, label: str, help_text: str) -> forms.Field:
    hint = _("One per line.") if spec.kind == "names" else _("Separate the numbers with spaces.")
    # An empty list of names is an answer ("none"), so only a list of numbers is required here.
    return forms.CharField(
        label=label,
        required=spec.required and spec.kind == "numbers",
        help_text=f"{help_text} {hint}".strip(),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _boolean_field(spec: FormField, label: str, help_text: str) -> forms.Field:
    return forms.ChoiceField(
        label=label, required=spec.required, help_text=help_text, choices=YES_NO
    )


def _text_field(spec: FormField, label: str, help_text: str) -> forms.Field:
    return forms.CharField(
        label=label,
        required=spec.required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


FIELD_BUILDERS: dict[str, Callable[[FormField, str, str], forms.Field]] = {
    "number": _number_field,
    "integer": _integer_field,
    "year": _integer_field,
    "numbers": _list_field,
    "names": _list_field,
    "boolean": _boolean_field,
    "text": _text_field,
}


def _number_list(text: str) -> list[float]:
    out = []
    for part in _lines(text, NUMBER_SPLIT):
        try:
            out.append(float(part))
        except ValueError:
            raise forms.ValidationError(
                _("“%(part)s” is not a number."), params={"part": part}
            ) from None
    return out


VALUE_READERS: dict[str, Callable[[Any], Any]] = {
    "number": lambda v: v,
    "integer": lambda v: v,
    "year": lambda v: v,
    "numbers": _number_list,
    "names": _lines,
    "boolean": lambda v: {"yes": True, "no": False}.get(v),
    "text": lambda v: v,
}


def _initial_text(spec: FormField, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "boolean":
        return "yes" if value else "no"
    if spec.kind == "names":
        return "\n".join(value)
    if spec.kind == "numbers":
        return " ".join(f"{x:g}" for x in value)
    return value


class IndicatorInputForm(DataSourcesMixin):
    """The engine's input form of one indicator (`localgbf.index.forms`) as a Django form."""

    def __init__(
        self, *args: Any, spec: IndicatorForm, stored: dict[str, Any], **kwargs: Any
    ) -> None:
        lang = get_language() or "en"
        initial = {f.id: _initial_text(f, stored.get(f.id)) for f in spec.fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.spec = spec
        sources = self.fields.pop("data_sources")
        for field in spec.fields:
            help_text = field.help.get(lang) if field.help else ""
            self.fields[field.id] = FIELD_BUILDERS[field.kind](
                field, field.label.get(lang), help_text
            )
        self.fields["data_sources"] = sources

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field in self.spec.fields:
            raw = data.get(field.id)
            if raw in (None, ""):
                continue
            try:
                data[field.id] = VALUE_READERS[field.kind](raw)
            except forms.ValidationError as exc:
                self.add_error(field.id, exc)
        return data

    def values(self) -> dict[str, Any]:
        """The fields as the engine's `compute_from_form` takes them (empty ones left out)."""
        out: dict[str, Any] = {}
        for f in self.spec.fields:
            value = self.cleaned_data.get(f.id)
            if f.kind == "names" and f.required and value in (None, ""):
                value = []
            if value not in (None, "") and (value != [] or f.required):
                out[f.id] = value
        return out
