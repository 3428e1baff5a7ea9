from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from accounts.views import set_language
from programs.admin import coordination_site
from programs.views import ProgramDirectoryView

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", ProgramDirectoryView.as_view(), name="home"),
    path("comptes/", include("accounts.urls")),
    path("coordination/", coordination_site.urls),
    path("jumelage/", include("matching.urls")),
    path("", include("programs.urls")),
)
