from django.urls import path

from grogrund.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    # Stored reports first: "sparade" is not a kind of report.
    path("sparade/<int:pk>/", views.report_detail, name="detail"),
    path("sparade/<int:pk>/utskrift/", views.report_print, name="stored_print"),
    path("sparade/<int:pk>/pdf/", views.report_pdf, name="download"),
    path("sparade/<int:pk>/dela/", views.report_share, name="share"),
    path("sparade/<int:pk>/jamfor/", views.report_diff, name="diff"),
    path("jobb/<int:job>/", views.report_job, name="job"),
    # Any registered kind of report of a subject (a programme, a valuation, an area…).
    path("<slug:kind>/<int:subject>/", views.live_print, name="print"),
    path("<slug:kind>/<int:subject>/pdf/", views.live_pdf, name="pdf"),
    path("<slug:kind>/<int:subject>/ny/", views.report_create, name="create"),
]
