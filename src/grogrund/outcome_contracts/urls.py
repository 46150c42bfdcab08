"""Routes under /utfallskontrakt/ (see grogrund/urls.py)."""

from django.urls import URLPattern, path

from grogrund.outcome_contracts import views

app_name = "outcome_contracts"
urlpatterns: list[URLPattern] = [
    path("", views.contract_list, name="list"),
    path("nytt/", views.contract_create, name="create"),
    path("program/<int:pk>/", views.programme_contracts, name="programme"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/andra/", views.contract_edit, name="edit"),
    path("<int:pk>/parter/", views.parties, name="parties"),
    path("<int:pk>/utfall/nytt/", views.metric_form, name="metric_create"),
    path("<int:pk>/utfall/<int:metric>/", views.metric_form, name="metric_edit"),
    path("<int:pk>/prislista/", views.rate_card, name="rate_card"),
    path("<int:pk>/investeringar/", views.investments, name="investments"),
    path(
        "<int:pk>/investeringar/<int:investment>/",
        views.investment_correct,
        name="investment_correct",
    ),
    path(
        "<int:pk>/investeringar/<int:investment>/ta-bort/",
        views.investment_remove,
        name="investment_remove",
    ),
    path("<int:pk>/betalning/<int:payment>/", views.payment_correct, name="payment_correct"),
    path("<int:pk>/betalning/<int:payment>/ta-bort/", views.payment_remove, name="payment_remove"),
    path("<int:pk>/period/<int:period>/", views.period_detail, name="period"),
    path("<int:pk>/period/<int:period>/rapportera/", views.report, name="report"),
    path("<int:pk>/period/<int:period>/betala/", views.pay, name="pay"),
    path("<int:pk>/period/<int:period>/utdrag.xlsx", views.statement_xlsx, name="statement_xlsx"),
    path("<int:pk>/period/<int:period>/utdrag.pdf", views.statement_pdf, name="statement_pdf"),
    path("<int:pk>/rapport/<int:report>/verifiera/", views.verify, name="verify"),
    path("<int:pk>/bevis/<int:evidence>/", views.evidence, name="evidence"),
    path("<int:pk>/indigo.json", views.indigo, name="indigo"),
    path("<int:pk>/vardera/", views.valuation, name="valuation"),
]
