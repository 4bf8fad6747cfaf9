from django.urls import path

from localgbf.web.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("frameworks/", views.frameworks_index, name="frameworks"),
    path("frameworks/kmgbf/", views.kmgbf_overview, name="kmgbf"),
    path("frameworks/kmgbf/goals/<str:code>/", views.kmgbf_goal, name="kmgbf-goal"),
    path("frameworks/kmgbf/targets/<str:code>/", views.kmgbf_target, name="kmgbf-target"),
    path("frameworks/plan-of-action/", views.plan_of_action_view, name="plan-of-action"),
    path("frameworks/singapore-index/", views.singapore_index_view, name="singapore-index"),
    path(
        "frameworks/singapore-index/<str:edition>/",
        views.singapore_index_view,
        name="singapore-index-edition",
    ),
]
