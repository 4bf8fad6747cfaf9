from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.singapore_index import DEFAULT_EDITION, load_singapore_index
from localgbf.spatial.classmap import ClassMap, load_class_map, load_roles, presets
from localgbf.web.computations.models import SavedClassMap
from localgbf.web.computations.roles import ROLES
from localgbf.web.core.templatetags.localgbf import plain
from localgbf.web.datasets.models import Dataset
from localgbf.web.governments.models import Government

PRESET = "preset:"
SAVED = "saved:"


def preset_choices() -> list[tuple[str, str]]:
    return [(name, plain(load_class_map(name).name)) for name in sorted(presets())]


def class_map_choices(government: Government) -> list[tuple[str, Any]]:
    saved = [(f"{SAVED}{m.pk}", plain(m.title)) for m in government.class_maps.all()]
    choices: list[tuple[str, Any]] = [("", _("— none —"))]
    choices.append((_("Presets"), [(f"{PRESET}{k}", v) for k, v in preset_choices()]))
    if saved:
        choices.append((_("Edited for this government"), saved))
    return choices


class DatasetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Dataset) -> str:
        return f"{obj.title} · {obj.filename} ({obj.uploaded_at:%Y-%m-%d})"


class ComputationForm(forms.Form):
    """The datasets for each input, the class map and the options of one computation."""

    class_map = forms.ChoiceField(label=_("Class map"), required=False)
    subunit_field = forms.ChoiceField(
        label=_("Field naming each sub-unit"), required=False, choices=[("", "—")]
    )
    gap_m = forms.FloatField(
        label=_("Connectivity gap (m)"),
        required=False,
        min_value=0,
        help_text=_("Natural patches closer than this are one group; 100 m by default."),
    )
    species = forms.BooleanField(
        label=_("Also compute the species indicators (3–6, 9) from the species store"),
        required=False,
    )
    year_from = forms.IntegerField(label=_("Survey period from"), required=False, min_value=1)
    year_to = forms.IntegerField(label=_("to"), required=False, min_value=1)
    edition = forms.ChoiceField(label=_("Singapore Index edition"))

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.government = government
        usable = government.datasets.exclude(metadata__status="problem")
        for key, role in ROLES.items():
            self.fields[key] = DatasetChoice(
                queryset=usable.filter(kind=role.kind),
                required=False,
                label=role.label,
                help_text=role.help,
            )
        self.fields["class_map"].choices = class_map_choices(government)
        fields = sorted(
            {f for d in usable.filter(kind="subunits") for f in d.metadata.get("fields", [])}
        )
        self.fields["subunit_field"].choices = [("", "—"), *((f, f) for f in fields)]
        editions = [e.edition for e in load_singapore_index().editions]
        self.fields["edition"].choices = [(e, e) for e in editions]
        self.fields["edition"].initial = DEFAULT_EDITION
        self.order_fields(["landcover", "class_map", "boundary", "subunits", "subunit_field"])

    def datasets(self) -> dict[str, Dataset]:
        return {key: self.cleaned_data[key] for key in ROLES if self.cleaned_data.get(key)}

    def options(self) -> dict[str, Any]:
        data = self.cleaned_data
        choice = data.get("class_map") or ""
        saved = None
        if choice.startswith(SAVED):
            saved = self.government.class_maps.get(pk=int(choice.removeprefix(SAVED)))
        return {
            "class_map": saved,
            "class_map_preset": choice.removeprefix(PRESET) if choice.startswith(PRESET) else "",
            "subunit_field": data.get("subunit_field") or "",
            "gap_m": data.get("gap_m"),
            "species": bool(data.get("species")),
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
            "edition": data["edition"],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = {k for k in ROLES if data.get(k)}
        if not chosen & {"landcover", "boundary"}:
            raise forms.ValidationError(_("Choose at least a land cover or a boundary."))
        if "landcover" in chosen and not data.get("class_map"):
            self.add_error("class_map", _("A land cover needs a class map."))
        if data.get("class_map") and "landcover" not in chosen:
            self.add_error("landcover", _("A class map is chosen but no land cover."))
        if ("restored" in chosen) != ("degraded" in chosen):
            self.add_error("degraded", _("Restored and degraded habitat go together."))
        if "subunits" in chosen:
            known = data["subunits"].metadata.get("fields", [])
            if not data.get("subunit_field"):
                self.add_error("subunit_field", _("Choose the field that names each sub-unit."))
            elif known and data["subunit_field"] not in known:
                self.add_error(
                    "subunit_field",
                    _("%(file)s has no field %(field)s; its fields are %(fields)s.")
                    % {
                        "file": data["subunits"].filename,
                        "field": data["subunit_field"],
                        "fields": ", ".join(known),
                    },
                )
        if (data.get("species") or "sensitive_species" in chosen) and "boundary" not in chosen:
            self.add_error("boundary", _("The species indicators need the boundary."))
        if "sensitive_species" in chosen and not data.get("species"):
            self.add_error(
                "species", _("A sensitive-species list is used by the species indicators.")
            )
        first, last = data.get("year_from"), data.get("year_to")
        if (first is None) != (last is None):
            self.add_error("year_to", _("Give both years of the survey period, or neither."))
        elif first is not None and last is not None and first > last:
            self.add_error("year_to", _("The period ends before it starts."))
        return data


def role_choices() -> list[tuple[str, str]]:
    return [(key, plain(role.label)) for key, role in load_roles().roles.items()]


class ClassMapForm(forms.Form):
    """The roles of each class of a preset, and a title in both languages."""

    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)

    def __init__(
        self, *args: Any, base: ClassMap, instance: SavedClassMap | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.base = base
        current = {
            int(c["code"]): c.get("roles", [])
            for c in (instance.definition["classes"] if instance else [])
        }
        if instance is not None:
            self.fields["title_en"].initial = instance.title.get("en", "")
            self.fields["title_zh"].initial = instance.title.get("zh-hans", "")
        for entry in base.classes:
            self.fields[f"roles_{entry.code}"] = forms.MultipleChoiceField(
                label=plain(entry.label),
                required=False,
                choices=role_choices(),
                widget=forms.CheckboxSelectMultiple,
                initial=current.get(entry.code, sorted(entry.roles)),
            )

    def class_rows(self) -> list[tuple[int, forms.BoundField]]:
        return [(entry.code, self[f"roles_{entry.code}"]) for entry in self.base.classes]

    def roles(self) -> dict[int, list[str]]:
        return {e.code: self.cleaned_data[f"roles_{e.code}"] for e in self.base.classes}

    def title(self) -> dict[str, str]:
        return {"en": self.cleaned_data["title_en"], "zh-hans": self.cleaned_data["title_zh"]}
