"""The edition's host team on its admin page: organisers add and remove people, the team sees who is on it.

The desk extends the edition's admin (as registrations does, one app below): it owns accounts,
their invitations and the Host teams group, which events, below every app, knows nothing of.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.timezone import localtime

from attendance.admin import EditionWithCheckInAdmin
from events.models import Edition
from events.roles import is_organiser

from . import team

Membership = Edition.team.through


class TeamMemberForm(forms.ModelForm):
    """A new member by address and name; a present one shown, not edited (remove them and add the person)."""

    name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")

    class Meta:
        model = Membership
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["name"].initial = user.get_full_name() or user.get_username()
            self.fields["email"].initial = user.email
            for field in self.fields.values():
                field.disabled = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not self.instance.pk:
            team.existing_account(email)  # refuses an address that cannot be told apart
        return email

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.user = team.account_for(self.cleaned_data["email"], self.cleaned_data["name"])
        member = super().save(commit)
        team.welcome(member.user, member.edition)
        return member


class TeamFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            email = getattr(form, "cleaned_data", {}).get("email", "").lower()
            if not email or self._should_delete_form(form):
                continue
            if email in seen:
                raise ValidationError(f"{email} is on the team already.")
            seen.add(email)

    def delete_existing(self, obj, commit=True):
        super().delete_existing(obj, commit)
        if commit:
            team.left_team(obj.user)


class TeamInline(admin.TabularInline):
    model = Membership
    form = TeamMemberForm
    formset = TeamFormSet
    extra = 0
    verbose_name = "team member"
    verbose_name_plural = "host team"
    fields = ["name", "email", "account"]
    readonly_fields = ["account"]

    class Media:
        css = {"all": ["css/admin-team.css"]}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user").order_by("user__first_name", "user__email")
        )

    # What a team member, who may only view the team, sees in the name and address columns.
    @admin.display(description="Name")
    def name(self, member):
        return member.user.get_full_name() or member.user.get_username()

    @admin.display(description="E-mail")
    def email(self, member):
        return member.user.email

    @admin.display(description="Account")
    def account(self, member):
        if member.user_id is None:
            return "New addresses get an account and an e-mail to set its password."
        user = member.user
        if not user.is_active:
            return "Deactivated: cannot sign in"
        if not user.has_usable_password():
            return "Invited: no password set yet"
        if user.last_login is None:
            return "Password set, not signed in yet"
        return f"Last signed in {date_format(localtime(user.last_login), 'DATETIME_FORMAT')}"

    # The team sees who is on it; only organisers change it. Django would ask for permissions on
    # user accounts here (the team is a many-to-many to them), which organisers do not hold.
    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return is_organiser(request.user)

    def has_change_permission(self, request, obj=None):
        return is_organiser(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_organiser(request.user)


class EditionWithTeamAdmin(EditionWithCheckInAdmin):
    """The edition's admin with its registration counts and its host team."""

    inlines = [*EditionWithCheckInAdmin.inlines, TeamInline]


admin.site.unregister(Edition)
admin.site.register(Edition, EditionWithTeamAdmin)
