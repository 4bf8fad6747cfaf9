"""Launching a batch: the country's layers, the field naming each government, the options."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.web.batches import services
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments.models import Government


class DatasetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Dataset) -> str:
        return f"{obj.title} ({obj.filename})"


def _class_maps() -> list[tuple[str, str]]:
    from localgbf.spatial.classmap import load_class_map, presets

    language = get_language() or "en"
    return [(name, load_class_map(name).name.get(language)) for name in sorted(presets())]


def _editions() -> list[tuple[str, str]]:
    from localgbf.frameworks.singapore_index import load_singapore_index

    return [(e.edition, e.edition) for e in load_singapore_index().editions]


class LaunchForm(forms.Form):
    landcover = DatasetChoice(
        queryset=Dataset.objects.none(),
        label=_("National land cover"),
        help_text=_("Read by windows, one government at a time: it is never loaded whole."),
    )
    boundaries = DatasetChoice(
        queryset=Dataset.objects.none(),
        label=_("Government outlines"),
        help_text=_("A vector layer with one feature per government."),
    )
    code_field = forms.CharField(
        label=_("Field holding each government's code"),
        max_length=100,
        help_text=_("Its values must be the platform's government codes, e.g. CNKMG."),
    )
    name_field = forms.CharField(
        label=_("Field holding each government's name"), max_length=100, required=False
    )
    class_map = forms.ChoiceField(label=_("Class map of the land cover"), choices=())
    edition = forms.ChoiceField(label=_("Singapore Index edition"), choices=())
    governments = forms.MultipleChoiceField(
        label=_("Governments"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the governments ticked are assessed."),
    )
    occurrences = DatasetChoice(
        queryset=Dataset.objects.none(),
        label=_("Species occurrences (optional)"),
        required=False,
        help_text=_("Imported once and read for each government inside its outline."),
    )
    checklist = DatasetChoice(
        queryset=Dataset.objects.none(), label=_("Species checklist (optional)"), required=False
    )
    year_from = forms.IntegerField(
        label=_("Survey from (year)"), min_value=1900, max_value=2100, required=False
    )
    year_to = forms.IntegerField(
        label=_("Survey to (year)"), min_value=1900, max_value=2100, required=False
    )

    def __init__(self, country: Government, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country
        fields: Any = self.fields
        fields["landcover"].queryset = services.layers(country, ("landcover",))
        fields["boundaries"].queryset = services.layers(country, services.VECTOR_KINDS)
        fields["landcover"].initial = fields["landcover"].queryset.first()
        outlines = fields["boundaries"].queryset.first()
        fields["boundaries"].initial = outlines
        known = (outlines.metadata or {}).get("fields", []) if outlines else []
        fields["code_field"].initial = next((f for f in ("code", "CODE") if f in known), None)
        fields["name_field"].initial = next((f for f in ("name", "NAME") if f in known), None)
        fields["occurrences"].queryset = Dataset.objects.filter(
            government=country, kind="occurrences"
        )
        fields["checklist"].queryset = Dataset.objects.filter(government=country, kind="checklist")
        fields["class_map"].choices = _class_maps()
        fields["class_map"].initial = "esa-worldcover"
        fields["edition"].choices = _editions()
        fields["edition"].initial = "2021"
        fields["governments"].choices = [
            (g.code, f"{g.display_name()} ({g.code})") for g in services.targets(country)
        ]
        fields["governments"].initial = [g.code for g in services.targets(country)]

    def _check_field(self, name: str) -> str:
        value = str(self.cleaned_data.get(name) or "").strip()
        layer = self.cleaned_data.get("boundaries")
        known = (layer.metadata or {}).get("fields") if layer is not None else None
        if value and known and value not in known:
            raise forms.ValidationError(
                _("The layer %(layer)s has no field %(field)s; its fields are %(fields)s."),
                params={"layer": layer.filename, "field": value, "fields": ", ".join(known)},
            )
        return value

    def clean_code_field(self) -> str:
        return self._check_field("code_field")

    def clean_name_field(self) -> str:
        return self._check_field("name_field")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if (first is None) != (last is None):
            raise forms.ValidationError(_("Give both years of the survey period, or neither."))
        if first is not None and last is not None and first > last:
            self.add_error("year_to", _("The survey cannot end before it starts."))
        if data.get("checklist") and not data.get("occurrences"):
            self.add_error("checklist", _("A checklist is used with occurrences only."))
        return data

    def options(self) -> dict[str, Any]:
        """The BatchRun fields the form sets."""
        data = self.cleaned_data
        chosen = set(data["governments"])
        return {
            "landcover": data["landcover"],
            "boundaries": data["boundaries"],
            "occurrences": data.get("occurrences"),
            "checklist": data.get("checklist"),
            "code_field": data["code_field"],
            "name_field": data.get("name_field") or "",
            "class_map": data["class_map"],
            "edition": data["edition"],
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
            "codes": [g.code for g in services.targets(self.country) if g.code in chosen],
        }
