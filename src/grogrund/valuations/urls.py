"""Routes under /program/<pk>/vardering/ (see grogrund/urls.py): every view takes the
programme's pk."""

from django.urls import path

from grogrund.valuations import views

app_name = "valuations"
urlpatterns = [
    path("", views.valuation_list, name="list"),
    path("ny/", views.valuation_create, name="create"),
    path("vardebank/", views.value_bank, name="value_bank"),
    path("<int:valuation>/", views.valuation_detail, name="detail"),
    path("<int:valuation>/andra/", views.valuation_edit, name="edit"),
    path("<int:valuation>/yaml/", views.valuation_yaml, name="yaml"),
    path("<int:valuation>/xlsx/", views.valuation_xlsx, name="xlsx"),
    path("<int:valuation>/kopiera/", views.valuation_copy, name="copy"),
    path("<int:valuation>/ta-bort/", views.valuation_delete, name="delete"),
]
