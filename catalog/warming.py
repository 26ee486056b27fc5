"""The pages most readers open first, rendered into the shared cache after each catalog change.

Without this, the first reader after an ingest or an edit pays for the whole computation (at
100,000 trials, seconds of facet counting). After each change commits, catalog/changes.py queues
`warm_landing_pages`; the task worker (`manage.py worker`) asks for each landing page as an
anonymous reader would, through the whole middleware stack, so the page, its facet counts and its
match count land in the shared cache under the new version. Only worth doing when the cache is
shared with the web processes (REDIS_URL): WARM_PAGES_AFTER_CHANGE follows it by default.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.tasks import task

from catalog.changes import current_version, forget_recent_versions

logger = logging.getLogger(__name__)

LANDING_PATHS = ("/", "/trials/", "/trials.json")


@task
def warm_landing_pages(version: int) -> str:
    """Render the landing pages for catalog `version`, unless a later change has come since (its
    own warm-up follows: a long ingest commits many times)."""
    forget_recent_versions()  # this process may hold an older reading
    if current_version()[0] != version:
        return f"skipped: the catalog moved past version {version}"
    from django.test import Client  # a reader's request through every middleware; worker only

    # As the site's own address: the host is one the site allows, and links in the JSON are right.
    site = urlsplit(settings.SITE_URL)
    reader = Client(HTTP_HOST=site.netloc, **({"wsgi.url_scheme": "https"} if site.scheme == "https" else {}))
    answers = {path: reader.get(path).status_code for path in LANDING_PATHS}
    failed = {path: status for path, status in answers.items() if status != 200}
    if failed:
        logger.warning("warming the landing pages of version %s: %s", version, failed)
    return f"version {version}: " + ", ".join(f"{path} {status}" for path, status in answers.items())


def queue_warming() -> None:
    """Called once a change has committed and bumped the catalog version."""
    if not settings.WARM_PAGES_AFTER_CHANGE:
        return
    try:
        warm_landing_pages.enqueue(current_version()[0])
    except Exception:  # the change is committed; a missed warm-up costs time, never data
        logger.exception("could not queue the warm-up of the landing pages")
