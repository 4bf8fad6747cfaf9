"""Forms of the commitments app. Text held in several languages is edited as a pair of fields
(English, Chinese) side by side; either language alone is enough."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.forms import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.commitments.models import (
    CommitmentDocument,
    CommitmentVersion,
    Kpi,
    OfficialContact,
)
from localgbf.web.core.concurrency import RevisionMixin, digest
from localgbf.web.core.uploads import check_upload
from localgbf.web.frameworks.models import FrameworkElement
from localgbf.web.governments.models import Government
from localgbf.web.plans.models import Action, LocalTarget
from localgbf.web.plans.services import current_national_framework

PAIR = (("en", "en"), ("zh", "zh-hans"))


def _lang() -> str:
    return get_language() or "en"


class BilingualMixin:
    """Adds `<name>_en` / `<name>_zh` fields for each name in `bilingual`; `required` names
    need text in one language at least."""

    bilingual: tuple[str, ...] = ()
    multiline: frozenset[str] = frozenset()
    required_text: frozenset[str] = frozenset()
    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]

    def add_bilingual(self, model: Any, instance: Any) -> None:
        for name in self.bilingual:
            field = model._meta.get_field(name)
            current = getattr(instance, name, None) or {}
            for suffix, lang in PAIR:
                label = _("%(field)s (English)") if suffix == "en" else _("%(field)s (Chinese)")
                many = name in self.multiline
                widget = (
                    forms.Textarea(attrs={"rows": 4, "lang": lang})
                    if many
                    else forms.TextInput(attrs={"lang": lang})
                )
                self.fields[f"{name}_{suffix}"] = forms.CharField(
                    label=label % {"field": field.verbose_name},
                    required=False,
                    widget=widget,
                    max_length=20000 if many else 500,
                    help_text=field.help_text if suffix == "en" else "",
                )
                self.initial.setdefault(f"{name}_{suffix}", current.get(lang, ""))

    def text(self, name: str) -> dict[str, str]:
        out = {}
        for suffix, lang in PAIR:
            value = (self.cleaned_data.get(f"{name}_{suffix}") or "").strip()
            if value:
                out[lang] = value
        return out

    def check_required_text(self, model: Any) -> None:
        for name in self.required_text:
            if not self.text(name):
                label = model._meta.get_field(name).verbose_name
                raise ValidationError(
                    _("Give the %(field)s in English or in Chinese.") % {"field": label}
                )

    def pairs(self) -> list[tuple[Any, Any]]:
        form: Any = self
        return [(form[f"{n}_en"], form[f"{n}_zh"]) for n in self.bilingual]

    def grouped(self) -> list[tuple[Any, list[dict[str, Any]]]]:
        """The fields in the `sections` of the form: (legend, rows), a row being a pair of
        language fields or a single field. Fields not in any section come last."""
        form: Any = self
        sections: list[tuple[Any, list[str]]] = list(getattr(self, "sections", ()))
        placed = {name for _legend, names in sections for name in names}
        rest = [n for n in [*self.bilingual, *form.fields] if n not in placed]
        rest = [n for n in rest if not n.endswith(("_en", "_zh")) or n[:-3] not in self.bilingual]
        rest = [n for n in rest if n in self.bilingual or not form[n].is_hidden]
        if rest:
            sections.append(("", rest))
        out = []
        for legend, names in sections:
            rows = []
            for name in names:
                if name in self.bilingual:
                    rows.append({"pair": (form[f"{name}_en"], form[f"{name}_zh"])})
                elif name in form.fields:
                    rows.append({"field": form[name]})
            out.append((legend, rows))
        return out


class BilingualModelForm(RevisionMixin, BilingualMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_bilingual(self._meta.model, self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_required_text(self._meta.model)
        return data

    def save(self, commit: bool = True) -> Any:
        obj = super().save(commit=False)
        for name in self.bilingual:
            setattr(obj, name, self.text(name))
        if commit:
            obj.save()
            self.save_m2m()
        return obj


def _element_label(element: FrameworkElement) -> str:
    from localgbf.web.core.fields import as_text

    title = as_text(element.title)
    prefix = {"goal": _("Goal"), "target": _("Target")}.get(element.kind, "")
    text = title.get(_lang()) if title else ""
    return f"{prefix} {element.code} {text}".strip()


class ElementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _element_label(obj)


class ElementMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _element_label(obj)


def kmgbf_elements(*kinds: str) -> Any:
    return FrameworkElement.objects.filter(
        framework__slug="kmgbf", framework__is_current=True, kind__in=kinds
    ).order_by("order")


def national_elements(government: Government) -> Any:
    framework = current_national_framework(government)
    if framework is None:
        return FrameworkElement.objects.none()
    return framework.elements.filter(kind="national_target").order_by("order")


INDICATOR_KINDS = (
    "headline_indicator",
    "binary_indicator",
    "component_indicator",
    "complementary_indicator",
)


class CommitmentForm(BilingualModelForm):
    bilingual = (
        "title",
        "description",
        "next_steps",
        "performance",
        "endorsements",
        "coverage_other",
        "alignment_information",
        "funding_details",
        "international_frameworks",
        "partners",
        "target15_information",
        "progress_information",
        "implementation_strategies",
        "additional_information",
    )
    multiline = frozenset(bilingual) - {"title", "coverage_other"}
    required_text = frozenset({"title", "description"})
    sections = (
        (_("The commitment"), ["title", "description", "partners", "coverage_other"]),
        (_("Timeline"), ["timeline_start", "timeline_end", "is_open_ended", "next_steps"]),
        (
            _("Alignment"),
            [
                "primary_global",
                "other_global",
                "primary_national",
                "other_national",
                "is_linked_to_nbsap",
                "indicators",
                "alignment_information",
            ],
        ),
        (_("Funding"), ["funding_sources", "funding_details", "is_funding_sufficient"]),
        (
            _("Progress tracking"),
            [
                "is_progress_tracked",
                "progress_information",
                "progress_tracking_url",
                "performance",
                "is_reporting_on_target15",
                "target15_information",
            ],
        ),
        (
            _("More"),
            [
                "endorsements",
                "international_frameworks",
                "implementation_strategies",
                "additional_information",
                "notes",
            ],
        ),
    )
    progress_tracking_url = forms.URLField(
        required=False, assume_scheme="https", label=_("where progress is published")
    )

    class Meta:
        model = CommitmentVersion
        fields = [
            "timeline_start",
            "timeline_end",
            "is_open_ended",
            "primary_global",
            "other_global",
            "primary_national",
            "other_national",
            "indicators",
            "is_linked_to_nbsap",
            "funding_sources",
            "is_funding_sufficient",
            "is_reporting_on_target15",
            "is_progress_tracked",
            "progress_tracking_url",
            "notes",
        ]
        widgets = {
            "timeline_start": forms.DateInput(attrs={"type": "date"}),
            "timeline_end": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["primary_global"] = ElementChoice(
            kmgbf_elements("goal", "target"),
            required=False,
            label=_("primary KMGBF goal or target"),
            help_text=_("Exactly one: the goal or target the commitment serves most."),
        )
        self.fields["other_global"] = ElementMultipleChoice(
            kmgbf_elements("goal", "target"),
            required=False,
            label=_("other KMGBF goals and targets"),
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
        national = national_elements(government)
        self.fields["primary_national"] = ElementChoice(
            national, required=False, label=_("primary national target")
        )
        self.fields["other_national"] = ElementMultipleChoice(
            national,
            required=False,
            label=_("other national targets"),
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["indicators"] = ElementMultipleChoice(
            kmgbf_elements(*INDICATOR_KINDS),
            required=False,
            label=_("monitoring-framework indicators"),
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
        self.fields["funding_sources"] = forms.MultipleChoiceField(
            choices=vocabulary("funding_sources").choices(_lang()),
            required=False,
            label=_("funding sources"),
            widget=forms.CheckboxSelectMultiple,
        )
        if self.instance.pk:
            self.initial["funding_sources"] = list(self.instance.funding_sources or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("timeline_start"), data.get("timeline_end")
        if data.get("is_open_ended") and (start or end):
            raise ValidationError(_("An open-ended commitment has no dates; clear them."))
        if start and end and end < start:
            raise ValidationError(_("The commitment ends before it starts."))
        return data


class KpiForm(BilingualModelForm):
    bilingual = ("title",)
    required_text = frozenset({"title"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("baseline_value", "target_value"):
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = f"{value.normalize():f}"

    class Meta:
        model = Kpi
        fields = ["code", "unit", "baseline_value", "baseline_year", "target_value", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "target_value": {
                "required": _(
                    "A KPI needs a target value: what the commitment will reach, in its unit."
                )
            },
            "unit": {"required": _("A KPI needs a unit, e.g. ha, trees, %.")},
        }


class DocumentForm(BilingualModelForm):
    bilingual = ("title",)
    required_text = frozenset({"title"})
    url = forms.URLField(assume_scheme="https", label=_("address (URL)"), max_length=500)

    class Meta:
        model = CommitmentDocument
        fields = ["url"]


KpiFormSet = inlineformset_factory(CommitmentVersion, Kpi, form=KpiForm, extra=1, can_delete=True)
DocumentFormSet = inlineformset_factory(
    CommitmentVersion, CommitmentDocument, form=DocumentForm, extra=1, can_delete=True
)


class FromPlanForm(forms.Form):
    targets = forms.ModelMultipleChoiceField(
        LocalTarget.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Local targets"),
    )
    actions = forms.ModelMultipleChoiceField(
        Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Actions"),
    )

    def __init__(self, *args: Any, version: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = LocalTarget.objects.filter(version=version)  # type: ignore[attr-defined]
        self.fields["actions"].queryset = Action.objects.filter(version=version)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("targets") and not data.get("actions"):
            raise ValidationError(_("Choose at least one local target or action of the plan."))
        return data


class PeriodForm(forms.Form):
    period_start = forms.DateField(
        label=_("period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("period to"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise ValidationError(_("The period ends before it starts."))
        return data


class ProgressForm(RevisionMixin, BilingualMixin, forms.Form):
    """Narrative, level and one value (with its unit) per KPI of the report's version."""

    bilingual = ("narrative",)
    multiline = frozenset({"narrative"})

    def __init__(self, *args: Any, report: Any, **kwargs: Any) -> None:
        self.report = report
        super().__init__(*args, **kwargs)
        from localgbf.web.commitments.models import ProgressReport

        self.add_bilingual(ProgressReport, report)
        self.fields["level"] = forms.ChoiceField(
            label=_("level of progress"),
            choices=[("", "—"), *scale("progress").choices(_lang())],
            required=False,
            initial=report.level,
        )
        values = {v.kpi_id: v for v in report.values.all()}
        self.kpis = list(report.version.kpis.all())
        for kpi in self.kpis:
            current = values.get(kpi.pk)
            self.fields[f"value_{kpi.code}"] = forms.CharField(
                label=_("value"),
                required=False,
                initial="" if current is None else f"{current.value.normalize():f}",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[f"unit_{kpi.code}"] = forms.CharField(
                label=_("unit"),
                required=False,
                max_length=40,
                initial=current.unit if current is not None else kpi.unit,
                widget=forms.TextInput(
                    attrs={"aria-label": _("Unit of KPI %(code)s") % {"code": kpi.code}}
                ),
            )
            self.fields[f"note_{kpi.code}"] = forms.CharField(
                label=_("note"),
                required=False,
                max_length=300,
                initial=current.note if current is not None else "",
                widget=forms.TextInput(
                    attrs={"aria-label": _("Note on KPI %(code)s") % {"code": kpi.code}}
                ),
            )

    def current_revision(self) -> str:
        report = self.report
        values = sorted(report.values.values_list("kpi_id", "value", "unit", "note"))
        return digest([report.narrative, report.level, values])

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "kpi": kpi,
                "value": self[f"value_{kpi.code}"],
                "unit": self[f"unit_{kpi.code}"],
                "note": self[f"note_{kpi.code}"],
            }
            for kpi in self.kpis
        ]


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"), validators=[check_upload])
    title = forms.CharField(label=_("title"), max_length=200, required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what to change."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            raise ValidationError(_("Say why the item is returned: the comment is required."))
        return data


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        required=False,
        label=_("State"),
        choices=[
            ("pending", _("Awaiting review")),
            ("returned", _("Returned for changes")),
            ("accepted", _("Accepted")),
            ("all", _("All")),
        ],
    )
    kind = forms.ChoiceField(
        required=False,
        label=_("Kind"),
        choices=[
            ("", _("Commitments and reports")),
            ("commitment", _("Commitments")),
            ("progress", _("Progress reports")),
        ],
    )
    government = forms.ChoiceField(required=False, label=_("Government"))

    def __init__(self, *args: Any, country: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["government"].choices = [("", _("All governments"))] + [  # type: ignore[attr-defined]
            (g.code, str(g)) for g in country.descendants().order_by("path")
        ]


def _lines(value: str) -> list[str]:
    return [item.strip() for item in value.replace(",", "\n").splitlines() if item.strip()]


class ContactForm(BilingualModelForm):
    bilingual = (
        "designation",
        "department",
        "organization",
        "organization_acronym",
        "address",
        "city",
        "state",
    )
    required_text = frozenset(set(bilingual) - {"organization_acronym"})
    sections = (
        (
            _("The person"),
            ["first_name", "last_name", "designation", "department", "emails_text", "phones_text"],
        ),
        (
            _("The organisation"),
            [
                "organization",
                "organization_acronym",
                "address",
                "city",
                "state",
                "postal_code",
                "websites_text",
            ],
        ),
    )
    emails_text = forms.CharField(
        label=_("e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line. An official address of the office is best."),
    )
    phones_text = forms.CharField(
        label=_("telephone numbers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    websites_text = forms.CharField(
        label=_("websites"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = OfficialContact
        fields = ["first_name", "last_name", "postal_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("emails", "phones", "websites"):
            self.initial.setdefault(f"{name}_text", "\n".join(getattr(self.instance, name) or []))

    def clean_emails_text(self) -> list[str]:
        emails = _lines(self.cleaned_data.get("emails_text") or "")
        for email in emails:
            validate_email(email)
        if not emails:
            raise ValidationError(_("Give at least one e-mail address."))
        return emails

    def clean_phones_text(self) -> list[str]:
        return _lines(self.cleaned_data.get("phones_text") or "")

    def clean_websites_text(self) -> list[str]:
        sites = _lines(self.cleaned_data.get("websites_text") or "")
        check = URLValidator(schemes=["http", "https"])
        for site in sites:
            check(site)
        return sites

    def save(self, commit: bool = True) -> Any:
        obj = super().save(commit=False)
        obj.emails = self.cleaned_data["emails_text"]
        obj.phones = self.cleaned_data["phones_text"]
        obj.websites = self.cleaned_data["websites_text"]
        if commit:
            obj.save()
        return obj
