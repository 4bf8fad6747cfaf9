from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.web.core.concurrency import RevisionMixin
from localgbf.web.portal.licences import licence_choices
from localgbf.web.portal.models import PublicProfile


class PublicProfileForm(RevisionMixin, forms.ModelForm):
    """The public profile, with the introduction in English and Chinese side by side."""

    introduction_en = forms.CharField(
        label=_("Introduction in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    introduction_zh = forms.CharField(
        label=_("Introduction in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = PublicProfile
        fields = ["seat_latitude", "seat_longitude", "data_licence"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        intro = self.instance.introduction or {}
        self.fields["introduction_en"].initial = intro.get("en", "")
        self.fields["introduction_zh"].initial = intro.get("zh-hans", "")
        self.fields["data_licence"] = forms.ChoiceField(
            label=_("Licence of the open data"),
            choices=[("", _("The platform's default (CC BY 4.0)")), *licence_choices()],
            required=False,
            help_text=_("Under which terms anyone may reuse the data published here."),
        )
        self.order_fields(["introduction_en", "introduction_zh"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.introduction = {
            lang: text
            for lang, text in (
                ("en", (data.get("introduction_en") or "").strip()),
                ("zh-hans", (data.get("introduction_zh") or "").strip()),
            )
            if text
        }
        return data
