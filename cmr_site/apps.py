from django.contrib.admin.apps import AdminConfig


class OrganisersAdminConfig(AdminConfig):
    """django.contrib.admin with cmr_site.admin_site's site as `admin.site` (Django's documented way)."""

    default_site = "cmr_site.admin_site.OrganisersAdminSite"
