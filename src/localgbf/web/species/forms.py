from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.species.reference import formats, taxon_groups
from localgbf.web.core.templatetags.localgbf import plain
from localgbf.web.core.uploads import check_upload
from localgbf.web.datasets.models import Dataset, DatasetKind
from localgbf.web.governments.models import Government

SPECIES_KINDS = (DatasetKind.OCCURRENCES, DatasetKind.CHECKLIST, DatasetKind.SENSITIVE)
IMPORTED_KINDS = (DatasetKind.OCCURRENCES, DatasetKind.CHECKLIST)


def format_choices() -> list[tuple[str, str]]:
    found = [(key, plain(spec.label)) for key, spec in formats().formats.items()]
    return [
        ("", str(_("Detect from the file"))),
        *found,
        ("csv", plain(formats().checklist_csv.label)),
    ]


class SpeciesUploadForm(forms.ModelForm):
    """An occurrence file, a checklist or a sensitive-species list, stored as a dataset."""

    file = forms.FileField(label=_("File"), validators=[check_upload])
    format = forms.ChoiceField(label=_("Format"), required=False)

    class Meta:
        model = Dataset
        fields = ["kind", "title", "licence", "citation"]
        widgets = {"citation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [c for c in DatasetKind.choices if c[0] in SPECIES_KINDS]
        self.fields["format"].choices = format_choices()
        self.fields["citation"].help_text = _("How to cite it, with its DOI when it has one.")


class ImportExistingForm(forms.Form):
    dataset = forms.ModelChoiceField(queryset=Dataset.objects.none(), label=_("Dataset"))
    format = forms.ChoiceField(label=_("Format"), required=False)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dataset = self.fields["dataset"]
        assert isinstance(dataset, forms.ModelChoiceField)
        dataset.queryset = government.datasets.filter(kind__in=IMPORTED_KINDS)
        self.fields["format"].choices = format_choices()


SOURCES = {
    "gbif-search": ("gbif", "search"),
    "gbif-download": ("gbif", "download"),
    "inaturalist": ("inaturalist", "observations"),
}


class FetchForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), widget=forms.RadioSelect)
    boundary = forms.ModelChoiceField(queryset=Dataset.objects.none(), label=_("Boundary"))
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1)
    groups = forms.MultipleChoiceField(
        label=_("Taxon groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every taxon."),
    )

    def __init__(self, *args: Any, government: Government, download: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        boundary = self.fields["boundary"]
        assert isinstance(boundary, forms.ModelChoiceField)
        boundary.queryset = government.datasets.filter(kind="boundary").exclude(
            metadata__status="problem"
        )
        boundary.initial = boundary.queryset.first()
        choices = [("gbif-search", _("GBIF occurrence search (up to 100,000 records)"))]
        if download:
            choices.append(("gbif-download", _("GBIF download, with a DOI to cite")))
        choices.append(("inaturalist", _("iNaturalist research-grade observations")))
        self.fields["source"].choices = choices
        self.fields["source"].initial = "gbif-download" if download else "gbif-search"
        self.fields["groups"].choices = [(g.id, plain(g.label)) for g in taxon_groups().groups]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if (first is None) != (last is None):
            self.add_error("year_to", _("Give both years, or neither."))
        elif first is not None and last is not None and first > last:
            self.add_error("year_to", _("The period ends before it starts."))
        return data

    def call(self) -> dict[str, Any]:
        data = self.cleaned_data
        service, method = SOURCES[data["source"]]
        first, last = data.get("year_from"), data.get("year_to")
        return {
            "service": service,
            "method": method,
            "boundary": data["boundary"],
            "years": (first, last) if first is not None and last is not None else None,
            "groups": list(data.get("groups") or []),
        }
