from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.concurrency import RevisionMixin
from localgbf.web.core.uploads import check_upload
from localgbf.web.governments.boundaries import clean_boundary
from localgbf.web.governments.models import Government

MAX_BOUNDARY_BYTES = 20 * 1024 * 1024


class GovernmentProfileForm(RevisionMixin, forms.ModelForm):
    """What a government's officers may change about it (not its code, kind or parent)."""

    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    boundary_file = forms.FileField(
        label=_("Boundary (GeoJSON, WGS 84)"),
        validators=[check_upload],
        required=False,
        help_text=_("A Polygon, MultiPolygon, Feature or FeatureCollection in longitude/latitude."),
    )
    remove_boundary = forms.BooleanField(label=_("Remove the boundary"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Government
        fields = ["population", "population_year", "area_km2", "website"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.instance.name or {}
        self.fields["name_en"].initial = name.get("en", "")
        self.fields["name_zh"].initial = name.get("zh-hans", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("name_en") or "").strip() and not (data.get("name_zh") or "").strip():
            raise ValidationError(_("Give the name in English or in Chinese."))
        return data

    def clean_boundary_file(self) -> dict[str, Any] | None:
        upload = self.cleaned_data.get("boundary_file")
        if not upload:
            return None
        if upload.size > MAX_BOUNDARY_BYTES:
            raise ValidationError(
                _("The boundary file is larger than %(mb)s MB."),
                params={"mb": MAX_BOUNDARY_BYTES // (1024 * 1024)},
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The boundary file is not UTF-8 text.")) from None
        try:
            return clean_boundary(text)
        except ValidationError as exc:
            raise ValidationError(
                _("%(file)s: %(problem)s"),
                params={"file": upload.name, "problem": " ".join(exc.messages)},
            ) from None

    def save(self, commit: bool = True) -> Government:
        government: Government = super().save(commit=False)
        name = dict(government.name or {})
        for lang, field in (("en", "name_en"), ("zh-hans", "name_zh")):
            value = (self.cleaned_data.get(field) or "").strip()
            if value:
                name[lang] = value
            else:
                name.pop(lang, None)
        government.name = name
        if self.cleaned_data.get("remove_boundary"):
            government.boundary = None
        elif self.cleaned_data.get("boundary_file"):
            government.boundary = self.cleaned_data["boundary_file"]
        if commit:
            government.save()
        return government
