from django.urls import path

from grogrund.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("ny/", views.contract_create, name="create"),
    path("jamforelse/", views.compare, name="compare"),
    path("program/<int:pk>/", views.programme_register, name="programme"),
    path("villkorsmallar/", views.template_list, name="templates"),
    path("villkorsmallar/ny/", views.template_create, name="template_create"),
    path("villkorsmallar/<int:template>/", views.template_edit, name="template_edit"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/andra/", views.contract_edit, name="edit"),
    path("<int:pk>/rakna/", views.count_toward, name="count"),
    path("<int:pk>/villkor/ny/", views.clause_create, name="clause_create"),
    path("<int:pk>/villkor/<int:clause>/", views.clause_edit, name="clause_edit"),
    path("<int:pk>/villkor/<int:clause>/ta-bort/", views.clause_delete, name="clause_delete"),
    path("<int:pk>/villkor/<int:clause>/rapport/", views.report_create, name="report_create"),
    path("<int:pk>/rapport/<int:report>/", views.report_detail, name="report"),
    path("<int:pk>/rapport/<int:report>/andra/", views.report_edit, name="report_edit"),
    path("<int:pk>/rapport/<int:report>/underlag/", views.evidence, name="evidence"),
]
