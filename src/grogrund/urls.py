from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from grogrund.core import views as core_views
from grogrund.network import views as network_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("grogrund.accounts.urls")),
    path("sprak/", core_views.set_language, name="set_language"),
    path("omraden/", include("grogrund.areas.urls")),
    path("program/", include("grogrund.programmes.urls")),
    path("program/<int:pk>/insatser/", include("grogrund.initiatives.urls")),
    path("program/<int:pk>/handslag/", include("grogrund.partnerships.urls")),
    path("utfallskontrakt/", include("grogrund.outcome_contracts.urls")),
    path("program/<int:pk>/vardering/", include("grogrund.valuations.urls")),
    path("jobb/", include("grogrund.jobs.urls")),
    path("rapporter/", include("grogrund.reports.urls")),
    path("upphandling/", include("grogrund.procurement.urls")),
    path("metoder/", include("grogrund.methods.urls")),
    path("natverket/", include("grogrund.network.urls")),
    path("oppet/", include("grogrund.network.public_urls")),
    path("robots.txt", network_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", network_views.sitemap, name="sitemap"),
    path("api/", include("grogrund.api.urls")),
    path("admin/", admin.site.urls),
    path("health/", core_views.health, name="health"),
    path("health/trivial/", core_views.trivial, name="trivial"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

handler500 = "grogrund.core.server_errors.server_error"
