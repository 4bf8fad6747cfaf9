"""The shapes of the API's answers and of what it accepts, as they appear in the OpenAPI
description. Text in several languages is an object of language code → text."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, create_model

Text = dict[str, str]
TEXT_HELP = 'Text by language code, e.g. {"en": "…", "zh-hans": "…"}; a language may be missing.'


def _iso_date(value: Any) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("give the date as text, YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Input(Schema):
    """What a client sends: taken as written, never coerced (a number is not a date, "12" is
    not a number)."""

    model_config = ConfigDict(strict=True)


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]] = Field(
        description="What went wrong; a list of problems, each with its location, for a "
        "request that does not match the description."
    )


class Seat(Schema):
    latitude: float
    longitude: float


class GovernmentOut(Schema):
    code: str = Field(description="Unique code (ISO 3166 or UN/LOCODE where there is one).")
    kind: Literal["country", "region", "city", "local"]
    name: Text = Field(description=TEXT_HELP)
    parent: str | None = Field(description="Code of the government it belongs to.")
    country: str | None = Field(description="Code of its country.")
    iso_3166: str
    population: int | None
    population_year: int | None
    area_km2: float | None
    website: str
    seat: Seat | None = Field(description="Seat of government (WGS 84), if published.")
    has_boundary: bool
    is_demo: bool = Field(description="Demonstration data, made up to show the platform.")
    portal_url: str


class GovernmentDetail(GovernmentOut):
    introduction: Text = Field(description=TEXT_HELP)
    data_licence: str = Field(description="SPDX identifier of the licence of its open data.")
    boundary: dict[str, Any] | None = Field(description="GeoJSON geometry in WGS 84.")
    children: list[str] = Field(description="Codes of the governments directly under it.")


class GovernmentPatch(Input):
    population: int | None = Field(default=None, ge=0, le=2**63 - 1)
    population_year: int | None = Field(default=None, ge=1800, le=2200)
    area_km2: float | None = Field(default=None, ge=0, le=1e9)
    website: str | None = Field(default=None, max_length=200)


class SeatIn(Input):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class ProfileIn(Input):
    introduction: Text = Field(default_factory=dict, description=TEXT_HELP)
    seat: SeatIn | None = None
    data_licence: str = Field(default="", description="SPDX identifier; empty for the default.")


class LinkOut(Schema):
    framework: str = Field(description="kmgbf, plan-of-action or the national framework's slug.")
    framework_version: str
    kind: str = Field(description="target, national_target or action_area")
    code: str
    degree: str = Field(description="high, medium or low; empty for action areas.")


class PlanOut(Schema):
    id: int = Field(description="Identifier of this version of the plan.")
    government: str
    kind: str
    number: int = Field(description="Version number.")
    status: Literal["draft", "adopted", "superseded"]
    title: Text = Field(description=TEXT_HELP)
    vision: Text = Field(description=TEXT_HELP)
    period_start: int | None
    period_end: int | None
    adopted_on: date | None
    adopting_body: Text = Field(description=TEXT_HELP)
    national_framework: str | None = Field(
        description="National targets followed: slug and version."
    )
    goals: int
    targets: int
    actions: int


class GoalOut(Schema):
    code: str
    title: Text
    description: Text


class PlanDetail(PlanOut):
    goal_list: list[GoalOut]


class TargetOut(Schema):
    id: int
    plan: int = Field(description="Identifier of the plan version.")
    government: str
    goal: str = Field(description="Code of the goal it serves.")
    code: str
    title: Text
    description: Text
    indicator: Text
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    deadline: date | None
    local_only: bool
    links: list[LinkOut]


class Location(Schema):
    name: Text
    latitude: float | None
    longitude: float | None


class BudgetOut(Schema):
    year: int
    amount: float
    currency: str
    source: str
    status: str


class ActionOut(Schema):
    id: int
    plan: int
    government: str
    target: str = Field(description="Code of the local target it serves.")
    code: str
    title: Text
    description: Text
    responsible: Text
    partners: Text
    start: date | None
    end: date | None
    status: str = Field(description="Key of the action_status vocabulary.")
    sectors: list[str]
    location: Location | None
    local_only: bool
    links: list[LinkOut]


class ActionDetail(ActionOut):
    budget: list[BudgetOut]


class ActionPatch(Input):
    status: str | None = Field(default=None, description="Key of the action_status vocabulary.")
    start: IsoDate | None = None
    end: IsoDate | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class KpiOut(Schema):
    code: str
    title: Text
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float
    deadline: date | None


class CommitmentVersionOut(Schema):
    number: int
    state: Literal["draft", "pending", "accepted", "returned", "superseded"]
    title: Text
    description: Text
    timeline_start: date | None
    timeline_end: date | None
    is_open_ended: bool
    primary_kmgbf: str | None
    other_kmgbf: list[str]
    primary_national: str | None
    other_national: list[str]
    funding_sources: list[str]
    progress_tracking_url: str
    kpis: list[KpiOut]


class CommitmentOut(Schema):
    id: int
    reference: str
    government: str
    in_force: CommitmentVersionOut | None = Field(description="The accepted version.")
    open_version: CommitmentVersionOut | None = Field(
        description="The version being written or reviewed; only for members of the government."
    )


class ProgressValueOut(Schema):
    kpi: str
    value: float
    unit: str
    note: str


class ProgressOut(Schema):
    id: int
    commitment: int
    reference: str
    government: str
    version: int = Field(description="Version of the commitment the KPIs belong to.")
    period_start: date
    period_end: date
    state: Literal["draft", "pending", "accepted", "returned", "superseded"]
    level: str = Field(description="Level of progress on the NR7 scale; empty if not given.")
    narrative: Text
    values: list[ProgressValueOut]


class ProgressStart(Input):
    period_start: IsoDate
    period_end: IsoDate


class ProgressValueIn(Input):
    value: str = Field(description="The number as written, e.g. 12.5.", max_length=40)
    unit: str = Field(max_length=40)
    note: str = Field(default="", max_length=300)


class ProgressIn(Input):
    narrative: Text = Field(default_factory=dict, description=TEXT_HELP)
    level: str = Field(default="", description="Key of the NR7 progress scale.")
    values: dict[str, ProgressValueIn] = Field(
        default_factory=dict, description="By KPI code; a KPI left out has no value."
    )


class ComponentOut(Schema):
    component: str
    name: Text
    points: int
    max_points: int
    scored: int
    indicators: int
    baseline_points: int | None


class IndicatorScoreOut(Schema):
    indicator: int
    component: str
    name: Text
    value: float | None
    unit: str | None
    score: int | None
    max_score: int
    band: str | None
    scored_by: str
    status: str
    method: str | None
    baseline_value: float | None
    baseline_score: int | None
    score_change: int | None


class AssessmentOut(Schema):
    id: int
    government: str
    edition: str
    reference_year: int
    status: Literal["draft", "completed"]
    version: int = Field(description="Grows with every change; send it back with a change.")
    points: int
    max_points: int
    scored: int
    indicators: int
    updated_at: datetime


class AssessmentDetail(AssessmentOut):
    baseline_year: int | None
    baseline_points: int | None
    change_on_common: int | None = Field(
        description="Change in points on the indicators scored in both this assessment and "
        "its baseline."
    )
    components: list[ComponentOut]
    scores: list[IndicatorScoreOut]


class ValueIn(Input):
    indicator: int = Field(ge=1, description="Number of the indicator in the edition.")
    value: float | None = Field(description="Empty to clear the value.")
    unit: str | None = Field(default=None, max_length=40)
    data_sources: list[str] = Field(default_factory=list, max_length=20)
    version: int = Field(description="The assessment's version the change is made from.")


class ScoreRowOut(Schema):
    assessment: int
    government: str
    edition: str
    reference_year: int
    indicator: int
    value: float | None
    unit: str | None
    score: int | None
    max_score: int
    scored_by: str


class KmgbfTargetOut(Schema):
    code: str
    title: Text
    governments: int = Field(
        description="Governments whose adopted plans or accepted "
        "commitments contribute to the target."
    )
    portal_url: str


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of a list: the items, how many there are in all, and the addresses of the
    neighbouring pages."""
    model: type[Schema] = create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="How many items match, on every page together.")),
        page=(int, ...),
        page_size=(int, ...),
        next=(str | None, Field(description="Address of the next page, if any.")),
        previous=(str | None, Field(description="Address of the previous page, if any.")),
        items=(list[item], ...),  # type: ignore[valid-type]
    )
    return model
