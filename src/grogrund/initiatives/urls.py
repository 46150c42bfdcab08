"""Routes under /program/<pk>/insatser/ (see grogrund/urls.py): every view takes the
programme's pk."""

from django.urls import path

from grogrund.initiatives import exports, views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("ny/", views.initiative_create, name="create"),
    path("portfolj/", views.portfolio, name="portfolio"),
    path("portfolj.<str:fmt>", exports.portfolio_download, name="portfolio_export"),
    path("<int:initiative>/", views.initiative_detail, name="detail"),
    path("<int:initiative>/andra/", views.initiative_edit, name="edit"),
    path("<int:initiative>/ta-bort/", views.initiative_delete, name="delete"),
    path("<int:initiative>/effektlogik/ny/", views.node_create, name="node_create"),
    path("<int:initiative>/effektlogik/<int:node>/", views.node_edit, name="node_edit"),
    path("<int:initiative>/effektlogik/<int:node>/ta-bort/", views.node_delete, name="node_delete"),
    path("<int:initiative>/utfall/import/", views.outcome_import, name="outcome_import"),
    path(
        "<int:initiative>/utfall/import/mall.csv",
        views.outcome_import_template,
        name="outcome_import_template",
    ),
    path("<int:initiative>/utfall/<int:node>/", views.outcome_detail, name="outcome"),
    path(
        "<int:initiative>/utfall/<int:node>/matning/ny/",
        views.measurement_create,
        name="measurement_create",
    ),
    path(
        "<int:initiative>/utfall/<int:node>/fran-statistiken/",
        views.take_from_statistics,
        name="take_from_statistics",
    ),
    path(
        "<int:initiative>/utfall/<int:node>/matning/<int:measurement>/ta-bort/",
        views.measurement_delete,
        name="measurement_delete",
    ),
]
