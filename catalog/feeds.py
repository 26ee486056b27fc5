"""An Atom feed of new and updated trials for any list query (/trials.atom?...)."""

from datetime import UTC, datetime, time
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from catalog import choices
from catalog.filters import TrialFilter
from catalog.models import Trial, TrialChange

# XML carries no control character: a text stored before the ingest took them out still renders.
from catalog.text import printable


class TrialFeed(Feed):
    feed_type = Atom1Feed
    title = "RegenDerm Trials: new and updated trials"
    subtitle = "Trials of cell-based products for skin, hair and wound conditions, newest changes first."

    def get_object(self, request, *args, **kwargs):
        # One Feed instance serves every request: what belongs to this request travels here.
        return SimpleNamespace(
            filterset=TrialFilter(request.GET or None, queryset=Trial.objects.filter(in_scope=True)),
            query=request.GET.urlencode(),
        )

    def link(self, selection):
        return reverse("catalog:trial_list") + (f"?{selection.query}" if selection.query else "")

    def feed_url(self, selection):
        """The feed's own address keeps its question: a reader subscribing from it follows the
        selection, not every trial."""
        return reverse("catalog:trial_feed") + (f"?{selection.query}" if selection.query else "")

    def items(self, selection):
        # Newest by the registry's own update (then by when the catalog first had the trial): a
        # reclassification or a re-read changes no registry date, so it moves no entry.
        public_changes = TrialChange.objects.filter(kind__in=[TrialChange.REGISTRY, TrialChange.CORRECTION])
        return selection.filterset.qs.order_by(
            F("last_updated").desc(nulls_last=True), "-created_at", "primary_id"
        ).prefetch_related("conditions", "cell_sources", Prefetch("changes", queryset=public_changes))[:50]

    def item_title(self, trial):
        return printable(f"{trial.primary_id}: {trial.title}")

    def item_description(self, trial):
        conditions = ", ".join(condition.name for condition in trial.conditions.all()) or "condition not classified"
        sources = ", ".join(source.name for source in trial.cell_sources.all()) or "cell source not stated"
        status = choices.STATUS.get(trial.status, "status not stated")
        text = f"{status}. {trial.phase_display or 'Phase not stated'}. {conditions}. {sources}."
        latest = _latest_public_change(trial)
        if latest:  # what moved the entry
            text += f" Changed {latest.changed_on.isoformat()} ({latest.get_kind_display().lower()}): {latest.summary}."
        return printable(text)

    def item_updateddate(self, trial):
        """When the registry last updated the trial or a curator corrected a public fact (else when
        the catalog first had it): a reclassification or a re-read moves no entry."""
        latest = _latest_public_change(trial)
        dates = [day for day in (trial.last_updated, latest.changed_on if latest else None) if day]
        if dates:
            return datetime.combine(max(dates), time.min, tzinfo=UTC)
        return trial.created_at

    def item_pubdate(self, trial):
        return trial.created_at


def _latest_public_change(trial):
    changes = trial.changes.all()  # prefetched: registry changes and corrections, newest first
    return changes[0] if changes else None
