"""Curation that needs the ingest: hand tag decisions and reclassifying from the admin.

catalog must not import ingest, so the Trial admin is extended here.
"""

from django.contrib import admin, messages

from catalog.admin import TrialAdmin as CatalogTrialAdmin
from catalog.models import TagDecision, Trial
from ingest.management.commands.reclassify import reclassify


class TagDecisionInline(admin.TabularInline):
    model = TagDecision
    extra = 1
    fields = ["kind", "term", "include", "note", "decided_by", "decided_at"]
    readonly_fields = ["decided_by", "decided_at"]
    verbose_name = "curator's tag decision"
    verbose_name_plural = "curator's tag decisions (they override the automatic tags, and survive re-ingest)"


admin.site.unregister(Trial)


@admin.register(Trial)
class TrialAdmin(CatalogTrialAdmin):
    inlines = [TagDecisionInline, *CatalogTrialAdmin.inlines]
    actions = ["reclassify_trials"]

    def save_formset(self, request, form, formset, change):
        if formset.model is TagDecision:
            for decision in formset.save(commit=False):
                decision.decided_by = request.user
                decision.save()
            for decision in formset.deleted_objects:
                decision.delete()
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.model is TagDecision and formset.has_changed() for formset in formsets):
            reclassify([form.instance])
            self.message_user(request, "Tags updated with your decisions.", messages.SUCCESS)

    @admin.action(description="Reclassify the selected trials with the current vocabularies")
    def reclassify_trials(self, request, queryset):
        trials = list(queryset.order_by("pk"))
        done, changed = reclassify(trials)
        for trial in trials:
            self.log_change(request, trial, "Reclassified with the current vocabularies.")
        self.message_user(request, f"{done} trials reclassified, {changed} with changed tags.", messages.SUCCESS)
