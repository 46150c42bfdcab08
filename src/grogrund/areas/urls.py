from django.urls import path

from grogrund.areas import exports, map_views, search_views, survey_views, views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("indikatorer/", views.indicator_list, name="indicators"),
    path("sok/", search_views.area_search, name="search"),
    path("utmaningar/", views.challenge_list, name="challenges"),
    path("utmaningar/<int:pk>/", views.challenge_edit, name="challenge_edit"),
    path("import/", views.import_upload, name="import"),
    path("import/enkat/", survey_views.survey_import, name="survey_import"),
    path("import/bekrafta/", views.import_confirm, name="import_confirm"),
    path("import/mallar/", views.import_template_list, name="import_templates"),
    path("import/mallar/ny/", views.import_template_edit, name="import_template_new"),
    path("import/mallar/<int:pk>/", views.import_template_edit, name="import_template"),
    path(
        "import/mallar/<int:pk>/ta-bort/",
        views.import_template_delete,
        name="import_template_delete",
    ),
    path("dataset/", views.dataset_list, name="datasets"),
    path("dataset/<int:pk>/", views.dataset_detail, name="dataset"),
    path("granser/", map_views.boundaries, name="boundaries"),
    path("egna-omraden/nytt/", map_views.custom_area_new, name="custom_area_new"),
    path("<str:code>/", views.area_profile, name="profile"),
    path("<str:code>/karta/", map_views.area_map, name="map"),
    path("<str:code>/andra/", map_views.custom_area_edit, name="custom_area_edit"),
    path("<str:code>/ny-utmaning/", views.challenge_create, name="challenge_create"),
    path("<str:code>/omradesprofil.<str:fmt>", exports.profile_download, name="profile_export"),
]
