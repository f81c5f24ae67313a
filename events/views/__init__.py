"""Every public view, by topic: pages, directory, calendars, open data and the site's own files."""
