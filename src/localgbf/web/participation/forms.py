"""Forms of the participation app; text in several languages is edited as an en/zh pair."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from localgbf.web.frameworks.models import Framework, FrameworkElement
from localgbf.web.participation.models import (
    CepaActivity,
    CommentStatus,
    Consultation,
    ConsultationInput,
    PublicComment,
    PublicConsultation,
    Response,
    Stance,
)

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


class ConsultationForm(forms.ModelForm):
    """The national side opens a consultation on a version of its national targets."""

    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    questions_en = forms.CharField(
        label=_("Questions in English (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    questions_zh = forms.CharField(
        label=_("Questions in Chinese (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    class Meta:
        model = Consultation
        fields = ["framework", "opens_on", "closes_on", "is_public", "result_framework"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, country: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = Framework.objects.filter(kind="national", country=country).order_by(
            "-created_at"
        )
        self.fields["framework"].queryset = versions
        self.fields["result_framework"].queryset = versions
        self.fields["result_framework"].required = False
        for name in ("title", "questions"):
            self.fields[f"{name}_en"].initial = _pair(getattr(self.instance, name), "en")
            self.fields[f"{name}_zh"].initial = _pair(getattr(self.instance, name), "zh-hans")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_zh") or "").strip():
            self.add_error("title_en", _("Give the title in English or in Chinese."))
        start, end = data.get("opens_on"), data.get("closes_on")
        if start and end and end < start:
            self.add_error("closes_on", _("The consultation closes before it opens."))
        return data

    def save(self, commit: bool = True) -> Consultation:
        consultation: Consultation = super().save(commit=False)
        for name in ("title", "questions"):
            text = {
                "en": (self.cleaned_data.get(f"{name}_en") or "").strip(),
                "zh-hans": (self.cleaned_data.get(f"{name}_zh") or "").strip(),
            }
            setattr(consultation, name, {k: v for k, v in text.items() if v})
        if commit:
            consultation.save()
        return consultation


class EvidenceChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        government = getattr(obj, "government", None)
        if government is None:
            version = obj.version if hasattr(obj, "version") else obj.action.version
            government = version.plan.government
        label = str(obj)
        return label if label.startswith(government.code) else f"{government.code} · {label}"


class ConsultationInputForm(forms.Form):
    """Input per national target, on behalf of a government or an organisation, pointing to
    the author's records as evidence (never retyped figures)."""

    author = forms.ChoiceField(label=_("On behalf of"))
    element = forms.ModelChoiceField(
        label=_("National target"),
        queryset=FrameworkElement.objects.none(),
        required=False,
        empty_label=_("— a new target —"),
    )
    stance = forms.ChoiceField(label=_("Your input"), choices=Stance.choices)
    proposal = forms.CharField(
        label=_("Proposed wording"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Needed when you propose changes or a new target."),
    )
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    language = forms.ChoiceField(label=_("Language of your text"), choices=LANGUAGE_CHOICES)
    evidence_targets = EvidenceChoice(
        label=_("Local targets"),
        queryset=FrameworkElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_assessments = EvidenceChoice(
        label=_("Singapore Index assessments"),
        queryset=FrameworkElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_budget = EvidenceChoice(
        label=_("Finance figures (budget lines)"),
        queryset=FrameworkElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, consultation: Any, authors: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from localgbf.web.participation.consultations import evidence_choices, national_targets

        self.authors = {a.key: a for a in authors}
        self.fields["author"].choices = [(a.key, str(a)) for a in authors]
        self.fields["element"].queryset = national_targets(consultation.framework)
        key = self.data.get(self.add_prefix("author")) or (authors[0].key if authors else "")
        author = self.authors.get(str(key))
        if author is not None:
            for name, queryset in evidence_choices(author).items():
                self.fields[f"evidence_{name}"].queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        stance, element = data.get("stance"), data.get("element")
        if stance in (Stance.SUPPORT, Stance.CHANGE) and element is None:
            self.add_error("element", _("Choose the national target your input is about."))
        if stance == Stance.NEW and element is not None:
            self.add_error("element", _("A new target is not about an existing one: leave empty."))
        if stance in (Stance.CHANGE, Stance.NEW) and not (data.get("proposal") or "").strip():
            self.add_error("proposal", _("Give the wording you propose."))
        return data

    def build(self) -> tuple[ConsultationInput, dict[str, Any]]:
        data = self.cleaned_data
        author = self.authors[data["author"]]
        item = ConsultationInput(
            element=data.get("element"),
            stance=data["stance"],
            proposal=(data.get("proposal") or "").strip(),
            text=data["text"].strip(),
            language=data["language"],
            government=author.government,
            organisation=author.organisation,
        )
        evidence = {
            "targets": list(data.get("evidence_targets") or []),
            "assessments": list(data.get("evidence_assessments") or []),
            "budget": list(data.get("evidence_budget") or []),
        }
        return item, evidence


class ResponseForm(forms.Form):
    response = forms.ChoiceField(label=_("Response"), choices=Response.choices)
    reason = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class PublicConsultationForm(forms.ModelForm):
    introduction_en = forms.CharField(
        label=_("Introduction in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    introduction_zh = forms.CharField(
        label=_("Introduction in Chinese"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = PublicConsultation
        fields = ["opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("opens_on"), data.get("closes_on")
        if start and end and end < start:
            self.add_error("closes_on", _("The consultation closes before it opens."))
        return data

    def save(self, commit: bool = True) -> PublicConsultation:
        consultation: PublicConsultation = super().save(commit=False)
        text = {
            "en": (self.cleaned_data.get("introduction_en") or "").strip(),
            "zh-hans": (self.cleaned_data.get("introduction_zh") or "").strip(),
        }
        consultation.introduction = {k: v for k, v in text.items() if v}
        if commit:
            consultation.save()
        return consultation


class PublicCommentForm(forms.Form):
    """A visitor's comment; `website` is a honeypot that people never see nor fill."""

    subject = forms.ChoiceField(label=_("Your comment is about"), required=False)
    name = forms.CharField(label=_("Your name (shown)"), max_length=80)
    email = forms.EmailField(
        label=_("Your e-mail address (never shown)"),
        help_text=_("We send you a link to confirm the comment."),
    )
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=LANGUAGE_CHOICES)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, version: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {
            str(t.pk): t for t in version.targets.order_by("goal__order", "order", "code")
        }
        self.actions = {
            str(a.pk): a
            for a in version.actions.order_by("target__goal__order", "target__order", "order")
        }
        self.fields["subject"].choices = [
            ("", _("The plan as a whole")),
            *[(f"t:{k}", f"{t.code} {t}") for k, t in self.targets.items()],
            *[(f"a:{k}", f"{a.code} {a}") for k, a in self.actions.items()],
        ]

    @property
    def is_spam(self) -> bool:
        return bool((self.data.get(self.add_prefix("website")) or "").strip())

    def build(self, consultation: PublicConsultation) -> PublicComment:
        data = self.cleaned_data
        subject = data.get("subject") or ""
        kind, _sep, key = subject.partition(":")
        return PublicComment(
            consultation=consultation,
            target=self.targets.get(key) if kind == "t" else None,
            action=self.actions.get(key) if kind == "a" else None,
            name=data["name"].strip(),
            email=data["email"].strip(),
            text=data["text"].strip(),
            language=data["language"],
        )


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(CommentStatus.PUBLISHED, _("Publish")), (CommentStatus.REJECTED, _("Reject"))]
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    led_to_change = forms.BooleanField(label=_("The plan was changed in response"), required=False)


class SupportNoteForm(forms.Form):
    """A note from an organisation to a member; `subject` is one of the member's shared records."""

    text = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    language = forms.ChoiceField(label=_("Language of your note"), choices=LANGUAGE_CHOICES)
    subject = forms.ChoiceField(label=_("The note is about"), required=False)

    def __init__(self, *args: Any, records: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        names = {
            "plans": _("Plan versions"),
            "assessments": _("Assessments"),
            "commitments": _("Commitments"),
        }
        choices: list[Any] = [("", _("The member's work as a whole"))]
        choices += [(names[kind], rows) for kind, rows in records.items() if rows]
        self.fields["subject"].choices = choices

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the note."))
        return text

    def subject_ref(self) -> tuple[str, int] | None:
        value = self.cleaned_data.get("subject") or ""
        if not value:
            return None
        kind, pk = value.split(":", 1)
        return kind, int(pk)


class SupportAnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrganisationOfferForm(forms.Form):
    need = forms.ModelChoiceField(label=_("Need answered"), queryset=None)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_zh = forms.CharField(
        label=_("Description in Chinese"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, government: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = government.capacity_needs.filter(is_open=True)
        self.fields["need"].empty_label = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_zh") or "").strip():
            self.add_error("title_en", _("Give the title in English or in Chinese."))
        return data
