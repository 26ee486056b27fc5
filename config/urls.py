from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("catalog.urls")),
]

handler404 = "catalog.views.page_not_found"
handler500 = "config.views.server_error"
