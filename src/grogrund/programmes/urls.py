from django.urls import path

from grogrund.programmes import exports, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("ny/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/andra/", views.programme_edit, name="edit"),
    path("<int:pk>/dela/", views.programme_share, name="share"),
    path("<int:pk>/uppfoljning/", views.dashboard, name="dashboard"),
    path("<int:pk>/uppfoljning.<str:fmt>", exports.follow_up_download, name="dashboard_export"),
    path("<int:pk>/uppfoljning/import/", views.measurement_import, name="measurement_import"),
    path("<int:pk>/steg/<slug:code>/", views.step_detail, name="step"),
    path("<int:pk>/mal/ny/", views.goal_create, name="goal_create"),
    path(
        "<int:pk>/mal/fast-antal/",
        views.goal_create,
        {"kind": "fixed"},
        name="goal_create_fixed",
    ),
    path("<int:pk>/mal/<int:goal>/", views.goal_detail, name="goal"),
    path(
        "<int:pk>/mal/<int:goal>/matning/ny/", views.measurement_create, name="measurement_create"
    ),
    path(
        "<int:pk>/mal/<int:goal>/matning/<int:year>/ta-bort/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path(
        "<int:pk>/mal/<int:goal>/statistik/",
        views.measurement_statistics,
        name="measurement_statistics",
    ),
]
