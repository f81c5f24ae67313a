"""SQLite as a server database: the database file is private to the site's user.

The file holds every organiser's password hash and every registrant's address, so
it is 0600, like the backups (ops/backups.py), whatever the umask of whoever
ran `migrate` first. SQLite gives its -wal and -shm files the database file's mode.
"""

import os
import sqlite3
import stat

PRIVATE = 0o600


class PrivateFileConnection(sqlite3.Connection):
    """sqlite3's connection (settings.DATABASES' `factory`), which makes the file 0600 on opening it.

    Here rather than in a `connection_created` receiver: every connection passes through it,
    including `migrate`'s first one, which creates the file, before any page or task can write.
    """

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        path = os.fspath(database)
        # In-memory databases (":memory:", "file:…?mode=memory") have no file.
        for name in (path, path + "-wal", path + "-shm"):
            try:
                mode = stat.S_IMODE(os.stat(name).st_mode)
            except (FileNotFoundError, NotADirectoryError):
                continue
            if mode != PRIVATE:
                os.chmod(name, PRIVATE)
