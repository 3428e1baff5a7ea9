from django.urls import path

from reports import views

app_name = "reports"

PROGRAM = {"kind": "programme"}
COHORT = {"kind": "cohorte"}

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<int:pk>/", views.dashboard, PROGRAM, name="program"),
    path("cohortes/<int:pk>/", views.dashboard, COHORT, name="cohort"),
    path("programmes/<int:pk>/analyse/", views.analysis, PROGRAM, name="program_analysis"),
    path("cohortes/<int:pk>/analyse/", views.analysis, COHORT, name="cohort_analysis"),
    path(
        "programmes/<int:pk>/export/<slug:dataset>.<slug:fmt>",
        views.export,
        PROGRAM,
        name="program_export",
    ),
    path(
        "cohortes/<int:pk>/export/<slug:dataset>.<slug:fmt>",
        views.export,
        COHORT,
        name="cohort_export",
    ),
    path("demander/", views.request_report, name="request"),
    path("demandes/<int:pk>/", views.job, name="job"),
    path("demandes/<int:pk>/etat/", views.job_status, name="job_status"),
    path("demandes/<int:pk>/telecharger/", views.download, name="download"),
    path("demandes/<int:pk>/reessayer/", views.retry, name="retry"),
    path("cohortes/<int:pk>/certificats/", views.certificates, name="certificates"),
    path("certificats/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificats/<int:pk>/revoquer/", views.revoke, name="revoke"),
    path("certificats/verifier/", views.verify, name="verify"),
    path("cohortes/<int:pk>/questionnaires/", views.survey_list, name="surveys"),
    path("questionnaires/<int:pk>/", views.survey_results, name="survey"),
    path("reponses/<int:pk>/", views.answer, name="answer"),
    path("paires/<int:pk>/resume-parents/", views.parent_summary, name="parent_summary"),
]
