"""The admin index's "What still needs doing": which items it names, where they lead, what it costs."""

import datetime
import os

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Edition, EditionSpeaker, Speaker, Summary
from tests.events.imagery.test_uploads import image_bytes
from tests.factories import EditionFactory, SpeakerFactory, SummaryFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def todo(client):
    return {task["title"]: task for task in client.get(INDEX).context["todo"]}


def photo():
    return SimpleUploadedFile("photo.jpg", image_bytes(size=(400, 300)))


def test_the_list_names_what_needs_doing_public_content_first_and_drafts_marked(admin_client):
    done = EditionFactory(title="Done", hero_image=photo(), hero_image_alt="A hall", latitude=50, longitude=4)
    bare = EditionFactory(title="Bare", start_date=datetime.date(2023, 5, 1), latitude=50, longitude=4)
    draft = EditionFactory(title="Draft", status=Edition.Status.DRAFT, start_date=datetime.date(2030, 1, 1))
    online = EditionFactory(title="Online only", city="", hero_image=photo(), hero_image_alt="A screen")
    SummaryFactory(edition=done)
    empty = SummaryFactory(edition=bare, body="")
    with_face = SpeakerFactory(name="Ada", photo=photo())
    faceless = SpeakerFactory(name="Zoe")
    unheard = SpeakerFactory(name="Bob")  # at no public edition
    EditionSpeaker.objects.create(edition=bare, speaker=with_face, order=0)
    EditionSpeaker.objects.create(edition=bare, speaker=faceless, order=1)
    EditionSpeaker.objects.create(edition=draft, speaker=unheard, order=0)

    tasks = todo(admin_client)
    labels = {title: [(i["label"], i["draft"]) for i in task["items"]] for title, task in tasks.items()}
    # The draft comes last although it starts latest.
    assert labels["Editions without a photo"] == [("Bare", False), ("Draft", True)]
    assert labels["Summaries without text"] == [("Bare", False)]
    assert labels["Places without coordinates"] == [(f"{draft.city}: Draft", True)]
    assert labels["Speakers without a photo"] == [("Zoe", False), ("Bob", True)]
    assert online.title not in str(labels)
    assert tasks["Editions without a photo"]["drafts"] == 1 and tasks["Summaries without text"]["drafts"] == 0

    # Each link opens the change form of the item that needs the change.
    links = {item["label"]: item["url"] for task in tasks.values() for item in task["items"]}
    assert admin_client.get(links["Zoe"]).context["original"] == faceless
    assert admin_client.get(links[f"{draft.city}: Draft"]).context["original"] == draft
    assert admin_client.get(tasks["Summaries without text"]["items"][0]["url"]).context["original"] == empty
    page = admin_client.get(INDEX).content.decode()
    assert "What still needs doing" in page and f'href="{links["Bare"]}"' in page
    assert '<span class="todo-draft">draft</span>' in page


def test_and_n_more_leads_to_the_change_list_filtered_to_the_rest(admin_client):
    SpeakerFactory.create_batch(13, photo="")
    task = todo(admin_client)["Speakers without a photo"]
    assert len(task["items"]) == 10 and task["more"] == 3 and task["total"] == 13
    assert task["more_url"] == reverse("admin:events_speaker_changelist") + "?todo=photo"
    assert "and 3 more" in admin_client.get(INDEX).content.decode()
    SpeakerFactory(name="Pictured", photo=photo())
    changelist = admin_client.get(task["more_url"]).context["cl"]
    assert changelist.result_count == 13 and "Pictured" not in {s.name for s in changelist.result_list}


def test_the_list_costs_the_same_queries_for_a_few_items_and_for_many(admin_client):
    def index_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(INDEX).status_code == 200
        return len(queries)

    for _ in range(2):
        SummaryFactory(edition=EditionFactory(), body="")
        SpeakerFactory()
    few = index_queries()
    for n in range(30):
        edition = EditionFactory(status=Edition.Status.DRAFT if n % 2 else Edition.Status.PUBLISHED)
        SummaryFactory(edition=edition, body="")
        EditionSpeaker.objects.create(edition=edition, speaker=SpeakerFactory(), order=0)
    assert Summary.objects.count() == 32 and Speaker.objects.count() == 32
    assert index_queries() == few


@pytest.fixture
def organiser(client):
    os.environ["ORGANISER_PASSWORD"] = "a-long-organiser-passphrase"
    try:
        call_command("create_organiser", "olga", "--no-input", verbosity=0)
    finally:
        del os.environ["ORGANISER_PASSWORD"]
    user = User.objects.get(username="olga")
    client.force_login(user)
    return user


def test_organisers_see_the_list_but_only_what_they_may_change(client, organiser):
    SpeakerFactory(name="Zoe")
    EditionFactory(title="Bare")
    assert set(todo(client)) == {
        "Editions without a photo",
        "Summaries without text",
        "Places without coordinates",
        "Speakers without a photo",
    }
    group = organiser.groups.get()
    group.permissions.remove(Permission.objects.get(codename="change_speaker"))
    client.force_login(User.objects.get(pk=organiser.pk))  # a fresh permission cache
    assert "Speakers without a photo" not in todo(client)
    assert "Zoe" not in client.get(INDEX).content.decode()
