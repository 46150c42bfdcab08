"""Routes under /program/<pk>/… (see grogrund/urls.py): every view takes the programme's pk."""

from django.urls import URLPattern, path

from grogrund.partnerships import exports, views

app_name = "partnerships"
urlpatterns: list[URLPattern] = [
    path("", views.partnership_detail, name="detail"),
    path("budget.<str:fmt>", exports.budget_download, name="budget_export"),
    path("forutsattningar/", views.readiness, name="readiness"),
    path("atagande/<int:org>/", views.commitment, name="commitment"),
    path("atagande/<int:org>/signera/", views.commitment_sign, name="sign"),
    path("atagande/<int:org>/ta-bort/", views.commitment_delete, name="delete"),
    path("kostnadsfordelning/", views.cost_split, name="cost_split"),
]
