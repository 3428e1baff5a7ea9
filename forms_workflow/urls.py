from django.urls import path

from forms_workflow import views

app_name = "forms_workflow"

urlpatterns = [
    path("<int:pk>/", views.fill, name="fill"),
    path("<int:pk>/brouillon/", views.autosave, name="autosave"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/verification/", views.verify, name="verify"),
    path("<int:pk>/rouvrir/", views.reopen, name="reopen"),
    path("<int:pk>/prise-de-connaissance/", views.acknowledge, name="acknowledge"),
    path("cohortes/<int:pk>/", views.cohort_matrix, name="matrix"),
]
