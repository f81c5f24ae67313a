"""What happens to uploaded files once stored: shown only while present, never left behind.

- available(): pages show an upload only while its file is in storage; a lost
  file is "no image" (logged once per process), never a 500.
- MediaStorage + DiscardUncommittedFilesMiddleware: a file written by a
  request whose transaction rolled back (a rendition failed, the database
  refused the row) is deleted when the request ends.
- django-cleanup deletes replaced and removed uploads after commit;
  delete_renditions() (connected in apps.py) deletes their renditions too.
- referenced_names(): what the media_orphans command keeps.
"""

import contextvars
import logging

from django.apps import apps
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models, transaction
from imagekit.cachefiles import ImageCacheFile
from imagekit.models.fields.utils import ImageSpecFileDescriptor

logger = logging.getLogger(__name__)

# Names already reported missing by this process: a lost hero image on a busy
# page would otherwise log a warning per request.
_reported_missing = set()


def available(file):
    """Whether an upload's file is in storage; a missing one is logged once, never raised."""
    if not file:
        return False
    try:
        if file.storage.exists(file.name):
            return True
        problem = "is missing from storage"
    except Exception as exc:  # any storage backend's error means the same to a page: no image
        problem = f"cannot be checked ({exc!r})"
    if file.name not in _reported_missing:
        _reported_missing.add(file.name)
        logger.warning(
            "The upload %s %s; pages show it as no image until it is replaced.", file.name, problem
        )
    return False


# ---- Files written by a transaction that rolled back ----

_written = contextvars.ContextVar("media_written", default=None)


class _Written:
    """A file written during a request; called back by on_commit once its transaction commits."""

    def __init__(self, storage, name):
        self.storage, self.name, self.committed = storage, name, False

    def __call__(self):
        self.committed = True


class MediaStorage(FileSystemStorage):
    """The file system, noting what a request writes so that a rollback can take it back."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            entry = _Written(self, name)
            written.append(entry)
            # Runs at once outside a transaction; is dropped if the block rolls back.
            transaction.on_commit(entry)
        return name


class DiscardUncommittedFilesMiddleware:
    """Deletes the files a request wrote whose transaction rolled back.

    Django has no on-rollback hook, but it drops a rolled-back block's
    on_commit callbacks: a file whose callback neither ran nor is still
    pending (an enclosing transaction, as in tests) belongs to no row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        written = []
        token = _written.set(written)
        try:
            return self.get_response(request)
        finally:
            _written.reset(token)
            discard_uncommitted(written)


def discard_uncommitted(written):
    pending = transaction.get_connection().run_on_commit
    for entry in written:
        if entry.committed or any(entry in callback for callback in pending):
            continue
        try:
            entry.storage.delete(entry.name)
            logger.info("Deleted %s: the transaction that wrote it rolled back.", entry.name)
        except Exception:
            logger.exception("Could not delete %s, written by a transaction that rolled back.", entry.name)


# ---- Renditions ----


def rendition_names(model, field_name, source_name):
    """The storage names of the imagekit renditions of `source_name` in model.field_name."""
    names = []
    # Renditions may be declared on an abstract parent (events/models/logos.py).
    attributes = [attribute for klass in model.__mro__ for attribute in vars(klass).values()]
    for attribute in attributes:
        if isinstance(attribute, ImageSpecFileDescriptor) and attribute.source_field_name == field_name:
            spec = attribute.field.get_spec(source=File(None, name=source_name))
            names.append(ImageCacheFile(spec).name)
    return names


def delete_renditions(sender, file_name, field_name, **kwargs):
    """django-cleanup's cleanup_pre_delete receiver: a deleted upload's renditions go with it."""
    if not isinstance(sender, type) or not issubclass(sender, models.Model):
        return
    for name in rendition_names(sender, field_name, file_name):
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete the rendition %s of %s.", name, file_name)


# ---- What the database refers to ----


def file_fields():
    """(model, field name) of every file field on a model of this site (history rows have none)."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def referenced_names():
    """Every storage name a row refers to: uploads and the renditions of uploaded images."""
    referenced = set()
    for model, field_name in file_fields():
        for name in model._default_manager.exclude(**{field_name: ""}).values_list(field_name, flat=True):
            if name:
                referenced.add(name)
                referenced.update(rendition_names(model, field_name, name))
    return referenced


def stored_names(storage=default_storage, folder=""):
    """Every file in storage, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # nothing uploaded yet
    prefix = f"{folder}/" if folder else ""
    for name in files:
        yield prefix + name
    for sub in folders:
        yield from stored_names(storage, prefix + sub)
