import axes.apps
import django_tasks_db.apps
from django.contrib.admin.apps import AdminConfig


class OrganisersAdminConfig(AdminConfig):
    """django.contrib.admin with cmr_site.admin_site's site as `admin.site` (Django's documented way)."""

    default_site = "cmr_site.admin_site.OrganisersAdminSite"


class SignInLockoutsConfig(axes.apps.AppConfig):
    """django-axes, named in the admin for what it is to organisers."""

    verbose_name = "Sign-in attempts and lock-outs"


class TaskQueueConfig(django_tasks_db.apps.TasksAppConfig):
    """The database task queue (e-mails), named in the admin for what it is to organisers."""

    verbose_name = "E-mail and task queue"
