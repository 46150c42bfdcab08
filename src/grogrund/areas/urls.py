from django.urls import path

from grogrund.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("indikatorer/", views.indicator_list, name="indicators"),
    path("utmaningar/", views.challenge_list, name="challenges"),
    path("utmaningar/<int:pk>/", views.challenge_edit, name="challenge_edit"),
    path("import/", views.import_upload, name="import"),
    path("dataset/", views.dataset_list, name="datasets"),
    path("dataset/<int:pk>/", views.dataset_detail, name="dataset"),
    path("<str:code>/", views.area_profile, name="profile"),
    path("<str:code>/ny-utmaning/", views.challenge_create, name="challenge_create"),
]
