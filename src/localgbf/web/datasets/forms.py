from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.uploads import check_upload
from localgbf.web.datasets.models import Dataset


class UploadForm(forms.ModelForm):
    file = forms.FileField(label=_("File"), validators=[check_upload])

    class Meta:
        model = Dataset
        fields = ["kind", "title", "licence", "citation"]
        widgets = {"citation": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "title": _("A short name, e.g. “Land cover 2023, ESA WorldCover”."),
            "licence": _("The licence the data is published under, e.g. CC BY 4.0."),
            "citation": _("How to cite the data set, with its DOI when it has one."),
        }
