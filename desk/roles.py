"""What each role may do in the admin: the permissions of the Organisers and Host teams groups.

The one definition. The data migration (desk/0001_roles) creates both groups from it, the
post_migrate handler (desk.apps) sets them to exactly this after every migrate, so a model added
later joins the organisers' set by its app; `create_organiser` uses it too. Which editions a person
sees is the other half of a role, decided by Edition.objects.managed_by (events.roles).

Organisers run everything the desk offers, and nothing of accounts, sign-in records, the admin log
or the task queue: those apps are simply not named here. A host team runs its own edition: the
edition, what its page edits (its inline rows, its agenda and summary), its registrations; it may
pick from, and add to, the shared directory those rows point at, but changes or deletes nothing in it.
"""

from events.roles import HOST_TEAMS, ORGANISERS

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# Every model of each app, with these verbs. Alerts: organisers see subscriptions (how many follow
# what), but a subscriber's address is theirs to change, through their own signed page.
ORGANISER_APPS = {
    "events": ALL,
    "registrations": ALL,
    "hosting": ALL,
    "alerts": VIEW,
    "attendance": ALL,
    "feedback": ALL,
    "desk": ALL,
}
# Nobody edits these by hand: the page cache's revision counter, and simple-history's tables
# (in any app), which the admin shows through each model's own permissions.
NEVER = {"events.contentrevision"}
HISTORY_PREFIX = "historical"

HOST_TEAM_MODELS = {
    # No add or delete: organisers create editions (or accept an application to host).
    "events.edition": ("change", "view"),
    # The edition page's inline rows, and its agenda and summary, edited from links on it.
    "events.editionhost": ALL,
    "events.partnership": ALL,
    "events.editionspeaker": ALL,
    "events.agendaitem": ALL,
    "events.summary": ("add", "change", "view"),
    "events.recording": ALL,
    # The shared directory the inline rows choose from (autocomplete needs "view"), with "add"
    # for a speaker or partner the directory does not have yet.
    "events.host": ("add", "view"),
    "events.partner": ("add", "view"),
    "events.speaker": ("add", "view"),
    # Approve, decline, wait-list, export, print the attendance list: no add (people register
    # themselves) and no delete (retention anonymises).
    "registrations.registration": ("change", "view"),
    "registrations.message": VIEW,
    # Who decided what is written by the actions, never by hand.
    "registrations.decision": VIEW,
    # The edition's own questions on its form (answered ones are guarded by the models' rules).
    "registrations.question": ALL,
    "registrations.questionchoice": ALL,
    # Messages to the edition's registrants, and the list of who got each one.
    "registrations.announcement": ALL,
    "registrations.announcementmessage": VIEW,
    # Check-in on the day, and undoing a mistaken one.
    "attendance.attendance": ALL,
    # The edition's survey and its questions; the responses, to read the results.
    "feedback.survey": ALL,
    "feedback.surveyquestion": ALL,
    "feedback.surveychoice": ALL,
    "feedback.response": VIEW,
    "feedback.responseanswer": VIEW,
}


def _organiser_permissions(permissions):
    for app_label, verbs in ORGANISER_APPS.items():
        for permission in permissions.filter(content_type__app_label=app_label):
            model = permission.content_type.model
            if f"{app_label}.{model}" in NEVER or model.startswith(HISTORY_PREFIX):
                continue
            if permission.codename.startswith(tuple(f"{verb}_" for verb in verbs)):
                yield permission.pk


def _host_team_permissions(permissions):
    for label, verbs in HOST_TEAM_MODELS.items():
        app_label, model = label.split(".")
        codenames = [f"{verb}_{model}" for verb in verbs]
        yield from permissions.filter(
            content_type__app_label=app_label, content_type__model=model, codename__in=codenames
        ).values_list("pk", flat=True)


ROLES = {ORGANISERS: _organiser_permissions, HOST_TEAMS: _host_team_permissions}


def sync_groups(group_model, permission_model, using="default"):
    """Creates both groups where missing and sets each one's permissions to exactly its role's.

    Takes the models, so that the data migration passes its historical ones and the
    post_migrate handler the real ones. Returns the groups by name.
    """
    permissions = permission_model.objects.using(using).select_related("content_type")
    groups = {}
    for name, chosen in ROLES.items():
        group, _ = group_model.objects.using(using).get_or_create(name=name)
        group.permissions.set(list(chosen(permissions)))
        groups[name] = group
    return groups
