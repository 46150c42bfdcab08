"""Routes under /metoder/ (see grogrund/urls.py). Fixed words come before a method's short
name, and a method never gets one of them as its short name (services.RESERVED_SLUGS)."""

from django.urls import path

from grogrund.methods import views

app_name = "methods"
urlpatterns = [
    path("", views.method_list, name="list"),
    path("evidens/", views.evidence_ladder, name="evidence"),
    path("ny/", views.method_create, name="create"),
    path("liknande-omraden/", views.similar_search, name="similar_search"),
    path("liknande-omraden/<str:code>/", views.similar_areas, name="similar"),
    path("insatser/<int:initiative>/deltagare/", views.participation, name="participation"),
    path(
        "insatser/<int:initiative>/deltagare/<int:year>/ta-bort/",
        views.participation_delete,
        name="participation_delete",
    ),
    path("<slug:slug>/", views.method_detail, name="detail"),
    path("<slug:slug>/andra/", views.method_edit, name="edit"),
    path("<slug:slug>/foresla/", views.method_propose, name="propose"),
    path("<slug:slug>/granska/", views.method_review, name="review"),
    path("<slug:slug>/dra-tillbaka/", views.method_withdraw, name="withdraw"),
    path("<slug:slug>/publicera-igen/", views.method_republish, name="republish"),
    path("<slug:slug>/ta-bort/", views.method_delete, name="delete"),
    path("<slug:slug>/starta-insats/", views.method_start, name="start"),
    path("<slug:slug>/koppla-insats/", views.method_link, name="link"),
]
