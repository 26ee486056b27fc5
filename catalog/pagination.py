"""Pages of a list, up to a depth: a page deep in 100,000 trials costs the database a scan of
every row before it (OFFSET), for a page nobody reads. Past the cap the list says so and points
to narrowing the selection or to the CSV export, which streams every row."""

from math import ceil

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, max_items: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_items = max_items if max_items is not None else settings.MAX_LISTED_TRIALS

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, max(1, ceil(self.max_items / self.per_page)))

    @property
    def capped(self) -> bool:
        """True when the selection holds more trials than its pages show."""
        return self.count > self.num_pages * self.per_page
