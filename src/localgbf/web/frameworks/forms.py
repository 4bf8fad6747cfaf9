from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.uploads import check_upload

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class NationalImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        validators=[check_upload],
        help_text=_("The CSV or XLSX template, or a national-target JSON file from the CBD ORT."),
    )
    version = forms.CharField(
        label=_("Version label"),
        max_length=60,
        required=False,
        help_text=_("For example the year the NBSAP was adopted. Left empty: today's date."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB."),
                params={"mb": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        return upload
