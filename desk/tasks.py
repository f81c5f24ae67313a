"""The desk's e-mail, the daily digest, delivered by mail.delivery: once each, with retries."""

from django_tasks import task

from mail import delivery

from . import digests
from .models import Digest


@task()
def send_digest(digest_pk):
    return DIGESTS.deliver(digest_pk)


DIGESTS = delivery.register(send_digest, Digest.objects.select_related("user"), digests.build)
