"""Forms of the plans app. Text that a plan holds in several languages is edited as a pair of
fields (English, Chinese) side by side; either language alone is enough."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localgbf.frameworks.scales import scale
from localgbf.frameworks.vocabularies import vocabulary
from localgbf.web.core.concurrency import RevisionMixin
from localgbf.web.core.uploads import check_upload
from localgbf.web.frameworks.models import Framework, FrameworkElement, FrameworkKind
from localgbf.web.plans.models import (
    Action,
    BudgetLine,
    CapacityNeed,
    CapacityOffer,
    ExchangeRate,
    Goal,
    LocalTarget,
    PlanDocument,
    PlanVersion,
    TechnologyTransfer,
)
from localgbf.web.plans.services import (
    LinkRequest,
    PlanRuleError,
    action_areas,
    check_links,
    kmgbf_targets,
)

LANGUAGE_FIELDS = (("en", "en"), ("zh", "zh-hans"))
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _lang() -> str:
    return get_language() or "en"


def vocabulary_choices(name: str, *, blank: bool = False) -> list[tuple[str, str]]:
    choices = vocabulary(name).choices(_lang())
    return [("", "—"), *choices] if blank else choices


@dataclass(frozen=True)
class Bilingual:
    name: str
    label: Any
    required: bool = False
    multiline: bool = False
    help_text: Any = ""


class BilingualMixin:
    """Adds `<name>_en` and `<name>_zh` fields for each `Bilingual` in `bilingual`."""

    bilingual: tuple[Bilingual, ...] = ()
    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]

    def add_bilingual(self, values: dict[str, Any] | None = None) -> None:
        for spec in self.bilingual:
            current = (values or {}).get(spec.name) or {}
            for suffix, lang in LANGUAGE_FIELDS:
                widget = (
                    forms.Textarea(attrs={"rows": 4, "lang": lang})
                    if spec.multiline
                    else forms.TextInput(attrs={"lang": lang})
                )
                label = _("%(field)s (English)") if suffix == "en" else _("%(field)s (Chinese)")
                self.fields[f"{spec.name}_{suffix}"] = forms.CharField(
                    label=label % {"field": spec.label},
                    required=False,
                    widget=widget,
                    max_length=20000 if spec.multiline else 500,
                    help_text=spec.help_text if suffix == "en" else "",
                )
                self.initial.setdefault(f"{spec.name}_{suffix}", current.get(lang, ""))

    def clean_bilingual(self) -> None:
        for spec in self.bilingual:
            if spec.required and not self.text_value(spec.name):
                raise ValidationError(
                    _("Give the %(field)s in English or in Chinese.")
                    % {"field": str(spec.label).lower()}
                )

    def text_value(self, name: str) -> dict[str, str]:
        out = {}
        for suffix, lang in LANGUAGE_FIELDS:
            value = (self.cleaned_data.get(f"{name}_{suffix}") or "").strip()
            if value:
                out[lang] = value
        return out

    def bilingual_names(self) -> list[str]:
        return [f"{s.name}_{suffix}" for s in self.bilingual for suffix, _l in LANGUAGE_FIELDS]

    def layout(self) -> list[Any]:
        """Rows to render: a pair (English, Chinese) or a single field, in declared order."""
        form: Any = self
        pairs = {s.name for s in self.bilingual}
        rows: list[Any] = []
        for name in form.fields:
            if name == "DELETE" or form[name].is_hidden:
                continue
            base = name.rsplit("_", 1)[0]
            if base in pairs and name.endswith("_en"):
                rows.append({"pair": (form[name], form[f"{base}_zh"])})
            elif base in pairs and name.endswith("_zh"):
                continue
            elif not name.startswith(("nt_", "gt_", "aa_")):
                rows.append({"field": form[name]})
        return rows


class BilingualModelForm(RevisionMixin, BilingualMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        values = {s.name: getattr(instance, s.name, None) for s in self.bilingual}
        self.add_bilingual(values)
        self.order_fields([*self.bilingual_names(), *self.Meta.fields])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_bilingual()
        return data

    def save(self, commit: bool = True) -> Any:
        obj = super().save(commit=False)
        for spec in self.bilingual:
            setattr(obj, spec.name, self.text_value(spec.name))
        if commit:
            obj.save()
            self.save_m2m()
        return obj


TITLE = Bilingual("title", _("Title"), required=True)
DESCRIPTION = Bilingual("description", _("Description"), multiline=True)


class StartPlanForm(BilingualMixin, forms.Form):
    bilingual = (TITLE,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_bilingual()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_bilingual()
        return data


class TeamStepForm(BilingualModelForm):
    bilingual = (
        TITLE,
        Bilingual(
            "team",
            _("Team and stakeholders"),
            multiline=True,
            help_text=_("Who writes the plan, who coordinates it and who was consulted."),
        ),
    )

    class Meta:
        model = PlanVersion
        fields = ["period_start", "period_end", "national_framework"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version: PlanVersion = self.instance
        field = self.fields["national_framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Framework.objects.filter(
            kind=FrameworkKind.NATIONAL, country_id=version.plan.government.country_id
        ).order_by("-created_at")
        field.help_text = _(
            "The version of the national targets this plan aligns to. Links to national "
            "targets are made against this version."
        )
        for name in ("period_start", "period_end"):
            self.fields[name].widget.attrs.update({"min": 1990, "max": 2100})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        version: PlanVersion = self.instance
        chosen = data.get("national_framework")
        changed = chosen is not None and chosen.pk != version.national_framework_id
        if changed and version.links.filter(element__kind="national_target").exists():
            self.add_error(
                "national_framework",
                _(
                    "Links to national targets exist; start a new version to move them to "
                    "another version of the national targets."
                ),
            )
        return data


class AssessmentStepForm(BilingualModelForm):
    bilingual = (
        Bilingual(
            "assessment",
            _("Summary of the biodiversity assessment"),
            multiline=True,
            help_text=_(
                "Ecosystems, species, pressures and trends; the evidence the plan rests on."
            ),
        ),
    )

    class Meta:
        model = PlanVersion
        fields: list[str] = []


class VisionStepForm(BilingualModelForm):
    bilingual = (
        Bilingual("vision", _("Vision"), multiline=True),
        Bilingual("principles", _("Principles"), multiline=True),
    )

    class Meta:
        model = PlanVersion
        fields: list[str] = []


class ImplementationStepForm(BilingualModelForm):
    bilingual = (
        Bilingual(
            "implementation",
            _("Implementation, monitoring and review"),
            multiline=True,
            help_text=_("Who coordinates, how progress is monitored, when the plan is reviewed."),
        ),
        Bilingual("adopting_body", _("Adopting body")),
    )

    class Meta:
        model = PlanVersion
        fields: list[str] = []


class GoalForm(BilingualModelForm):
    bilingual = (TITLE, DESCRIPTION)

    class Meta:
        model = Goal
        fields = ["code"]


def _degree_choices() -> list[tuple[str, str]]:
    return [("", "—"), *scale("alignment").choices(_lang())]


class AlignmentMixin:
    """Alignment fields: a degree per national target and per KMGBF target, action areas."""

    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]
    version: PlanVersion

    def add_alignment(self, version: PlanVersion, owner: LocalTarget | Action | None) -> None:
        self.version = version
        existing = {}
        if owner is not None and owner.pk:
            existing = {link.element_id: link.degree for link in owner.links.all()}
        self.national_elements = (
            list(
                FrameworkElement.objects.filter(
                    framework=version.national_framework, kind="national_target"
                ).order_by("order")
            )
            if version.national_framework_id
            else []
        )
        self.kmgbf_elements = kmgbf_targets()
        self.area_elements = action_areas()
        for prefix, elements in (("nt", self.national_elements), ("gt", self.kmgbf_elements)):
            for element in elements:
                name = f"{prefix}_{element.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=element.code, choices=_degree_choices(), required=False
                )
                self.initial.setdefault(name, existing.get(element.pk, ""))
        for element in self.area_elements:
            name = f"aa_{element.pk}"
            self.fields[name] = forms.BooleanField(label=element.code, required=False)
            self.initial.setdefault(name, element.pk in existing)

    def link_request(self) -> LinkRequest:
        data = self.cleaned_data

        def degrees(prefix: str, elements: list[FrameworkElement]) -> dict[int, str]:
            return {
                e.pk: data[f"{prefix}_{e.pk}"] for e in elements if data.get(f"{prefix}_{e.pk}")
            }

        return LinkRequest(
            national=degrees("nt", self.national_elements),
            kmgbf=degrees("gt", self.kmgbf_elements),
            action_areas=[e.pk for e in self.area_elements if data.get(f"aa_{e.pk}")],
            local_only=bool(data.get("local_only")),
        )

    def alignment_rows(self) -> dict[str, list[tuple[FrameworkElement, Any]]]:
        form: Any = self
        return {
            "national": [(e, form[f"nt_{e.pk}"]) for e in self.national_elements],
            "kmgbf": [(e, form[f"gt_{e.pk}"]) for e in self.kmgbf_elements],
            "areas": [(e, form[f"aa_{e.pk}"]) for e in self.area_elements],
        }

    def clean_alignment(self) -> None:
        try:
            check_links(self.version, self.link_request())
        except PlanRuleError as exc:
            raise ValidationError(exc.messages) from None


class TargetForm(AlignmentMixin, BilingualModelForm):
    bilingual = (
        TITLE,
        DESCRIPTION,
        Bilingual(
            "indicator",
            _("Indicator"),
            help_text=_(
                "How progress is measured, e.g. share of the city's area under protection."
            ),
        ),
    )

    class Meta:
        model = LocalTarget
        fields = [
            "goal",
            "code",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "deadline",
            "local_only",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)
        goal.queryset = version.goals.all()
        self.add_alignment(version, self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, deadline = data.get("baseline_year"), data.get("deadline")
        if year and deadline and deadline.year < year:
            self.add_error("deadline", _("The deadline is before the baseline year."))
        self.clean_alignment()
        return data


class ActionForm(AlignmentMixin, BilingualModelForm):
    bilingual = (
        TITLE,
        DESCRIPTION,
        Bilingual("responsible", _("Responsible body")),
        Bilingual("partners", _("Partners")),
        Bilingual(
            "location_name",
            _("Place"),
            help_text=_("Where the action happens, if it is one place."),
        ),
    )
    status = forms.ChoiceField(label=_("Status"))
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sectors this action mainstreams biodiversity into."),
    )

    class Meta:
        model = Action
        fields = [
            "target",
            "code",
            "start",
            "end",
            "status",
            "sectors",
            "latitude",
            "longitude",
            "local_only",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        target.queryset = version.targets.order_by("goal__order", "order", "pk")
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = vocabulary_choices("action_status")
        sectors = self.fields["sectors"]
        assert isinstance(sectors, forms.MultipleChoiceField)
        sectors.choices = vocabulary_choices("sectors")
        self.add_alignment(version, self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The action ends before it starts."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
        self.clean_alignment()
        return data


class BudgetLineForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"))
    source = forms.ChoiceField(label=_("Funding source type"))
    status = forms.ChoiceField(label=_("Status"))

    class Meta:
        model = BudgetLine
        fields = ["year", "amount", "currency", "source", "status", "note"]
        widgets = {"note": forms.TextInput(attrs={"size": 18})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, vocab in (
            ("currency", "currencies"),
            ("source", "funding_sources"),
            ("status", "budget_status"),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = vocabulary_choices(vocab)
        self.fields["amount"].widget.attrs["min"] = 0
        self.fields["year"].widget.attrs.update({"min": 1990, "max": 2100})

    def clean_amount(self) -> Any:
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise ValidationError(_("An amount cannot be negative."))
        return amount


BudgetFormSet = forms.inlineformset_factory(
    Action, BudgetLine, form=BudgetLineForm, extra=1, can_delete=True
)


class DocumentForm(BilingualModelForm):
    bilingual = (TITLE,)
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language"), required=False)

    class Meta:
        model = PlanDocument
        fields = ["language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = vocabulary_choices("languages", blank=True)
        if self.instance.pk:
            self.initial.setdefault("url", self.instance.url)
        self.order_fields([*self.bilingual_names(), "url", "language"])

    def save(self, commit: bool = True) -> Any:
        document = super().save(commit=False)
        document.url = self.cleaned_data["url"]
        if commit:
            document.save()
        return document


class AdoptForm(BilingualMixin, forms.Form):
    bilingual = (Bilingual("adopting_body", _("Adopting body"), required=True),)
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_bilingual({"adopting_body": version.adopting_body})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_bilingual()
        return data


class FileImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"), validators=[check_upload])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB."),
                params={"mb": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        return upload


class PlanImportForm(FileImportForm):
    what = forms.ChoiceField(
        label=_("The file holds"),
        choices=[("actions", _("Actions")), ("budget_lines", _("Budget lines"))],
    )


class ReportingCurrencyForm(forms.Form):
    currency = forms.ChoiceField(label=_("Reporting currency"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["currency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = vocabulary_choices("currencies")


class ExchangeRateForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"))

    class Meta:
        model = ExchangeRate
        fields = ["year", "currency", "rate", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["currency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = vocabulary_choices("currencies")

    def clean_rate(self) -> Any:
        rate = self.cleaned_data["rate"]
        if rate is not None and rate <= 0:
            raise ValidationError(_("A rate must be more than zero."))
        return rate


class CapacityFormBase(BilingualModelForm):
    topic = forms.ChoiceField(label=_("Topic"))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = vocabulary_choices("capacity_topics")
        if "languages" in self.fields:
            languages = self.fields["languages"]
            assert isinstance(languages, forms.MultipleChoiceField)
            languages.choices = vocabulary_choices("languages")


class CapacityNeedForm(CapacityFormBase):
    bilingual = (TITLE, DESCRIPTION)

    class Meta:
        model = CapacityNeed
        fields = ["topic", "languages"]


class CapacityOfferForm(CapacityFormBase):
    bilingual = (TITLE, DESCRIPTION, Bilingual("provider", _("Offered by")))

    class Meta:
        model = CapacityOffer
        fields = ["topic", "languages", "contact"]


class TechnologyTransferForm(CapacityFormBase):
    bilingual = (TITLE, DESCRIPTION, Bilingual("partners", _("Partners")))
    status = forms.ChoiceField(label=_("Status"))
    languages = None

    class Meta:
        model = TechnologyTransfer
        fields = ["topic", "start", "end", "status"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = vocabulary_choices("action_status")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The initiative ends before it starts."))
        return data
