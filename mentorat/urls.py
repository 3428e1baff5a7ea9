from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from accounts.views import set_language
from meetings.views import calendar_feed
from programs.admin import coordination_site
from programs.views import ProgramDirectoryView

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # read by calendar apps, without a session or a language prefix
    path("calendrier/<str:token>.ics", calendar_feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("", ProgramDirectoryView.as_view(), name="home"),
    path("comptes/", include("accounts.urls")),
    path("coordination/", coordination_site.urls),
    path("jumelage/", include("matching.urls")),
    path("rencontres/", include("meetings.urls")),
    path("formulaires/", include("forms_workflow.urls")),
    path("rapports/", include("reports.urls")),
    path("", include("programs.urls")),
)

handler500 = "mentorat.views.server_error"
