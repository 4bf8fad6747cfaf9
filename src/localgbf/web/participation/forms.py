"""Forms of the participation app; text in several languages is edited as an en/zh pair."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.participation.models import CepaActivity

LANGUAGE_CHOICES = [("en", "English"), ("zh-hans", "中文（简体）")]


def _pair(value: dict[str, Any] | None, language: str) -> str:
    return str((value or {}).get(language) or "")


class CepaActivityForm(forms.ModelForm):
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_zh = forms.CharField(
        label=_("Description in Chinese"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CepaActivity
        fields = ["kind", "start", "end", "audience", "reach", "url", "actions", "kmgbf_targets"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "actions": forms.CheckboxSelectMultiple,
            "kmgbf_targets": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, government: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from localgbf.web.plans.models import Action as PlanAction

        self.fields["actions"].queryset = PlanAction.objects.filter(
            version__plan__government=government
        ).order_by("version__number", "code")
        self.fields["kmgbf_targets"].queryset = FrameworkElement.objects.filter(
            framework__slug="kmgbf", framework__is_current=True, kind="target"
        ).order_by("order")
        instance = self.instance
        for name in ("title", "description"):
            self.fields[f"{name}_en"].initial = _pair(getattr(instance, name), "en")
            self.fields[f"{name}_zh"].initial = _pair(getattr(instance, name), "zh-hans")
        self.fields["languages"].initial = instance.languages or []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_zh") or "").strip():
            self.add_error("title_en", _("Give the title in English or in Chinese."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def save(self, commit: bool = True) -> CepaActivity:
        activity: CepaActivity = super().save(commit=False)
        for name in ("title", "description"):
            activity_text = {
                "en": self.cleaned_data.get(f"{name}_en", "").strip(),
                "zh-hans": self.cleaned_data.get(f"{name}_zh", "").strip(),
            }
            setattr(activity, name, {k: v for k, v in activity_text.items() if v})
        activity.languages = list(self.cleaned_data.get("languages") or [])
        if commit:
            activity.save()
            self.save_m2m()
        return activity
