from django.urls import path

from localgbf.web.plans.views import authoring, capacity, coverage, finance, plan

version = "governments/<slug:code>/plan/v<int:number>/"

urlpatterns = [
    path("plans/", plan.plans_index, name="plans"),
    path("plans/capacity/", capacity.capacity_index, name="capacity"),
    path(
        "plans/capacity/<str:kind>/<int:pk>/close/",
        capacity.capacity_close,
        name="capacity-close",
    ),
    path("plans/coverage/<slug:code>/", coverage.coverage, name="coverage"),
    path("plans/coverage/<slug:code>/export.xlsx", coverage.coverage_export, name="coverage-xlsx"),
    path("plans/finance/<slug:code>/", finance.finance, name="finance"),
    path("plans/rates/<slug:code>/", finance.rates, name="finance-rates"),
    path("plans/templates/<slug:kind>.csv", plan.column_template, name="plans-template"),
    path("governments/<slug:code>/plan/", plan.government_plan, name="plan"),
    path("governments/<slug:code>/plan/start/", plan.start, name="plan-start"),
    path(
        "governments/<slug:code>/plan/new-version/", plan.new_version_view, name="plan-new-version"
    ),
    path(
        "governments/<slug:code>/capacity/<str:kind>/new/",
        capacity.capacity_new,
        name="capacity-new",
    ),
    path(version, plan.version_detail, name="plan-version"),
    path(f"{version}adopt/", plan.adopt_view, name="plan-adopt"),
    path(f"{version}import/", plan.import_view, name="plan-import"),
    path(f"{version}export.<str:fmt>", plan.export, name="plan-export"),
    path(f"{version}step/<slug:step>/", authoring.step, name="plan-step"),
    path(f"{version}goals/new/", authoring.goal_edit, name="plan-goal-new"),
    path(f"{version}goals/<int:pk>/", authoring.goal_edit, name="plan-goal"),
    path(f"{version}targets/new/", authoring.target_edit, name="plan-target-new"),
    path(f"{version}targets/<int:pk>/", authoring.target_edit, name="plan-target"),
    path(f"{version}actions/new/", authoring.action_edit, name="plan-action-new"),
    path(f"{version}actions/<int:pk>/", authoring.action_edit, name="plan-action"),
    path(f"{version}<str:kind>/<int:pk>/delete/", authoring.delete, name="plan-delete"),
]
