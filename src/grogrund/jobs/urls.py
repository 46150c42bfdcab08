from django.urls import path

from grogrund.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("hamta-kommun/", views.fetch_municipality, name="fetch_municipality"),
    path("<int:pk>/", views.job_detail, name="detail"),
]
