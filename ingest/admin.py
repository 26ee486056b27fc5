"""Curation that needs the ingest: hand tag decisions, reclassifying, the upload inbox and
re-reading documents from the admin.

catalog must not import ingest, so the Trial admin is extended here.
"""

import re
import tempfile
from dataclasses import replace
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Left, Substr
from django.template.response import TemplateResponse
from django.urls import path

from catalog.admin import SourceDocumentAdmin as CatalogSourceDocumentAdmin
from catalog.admin import TrialAdmin as CatalogTrialAdmin
from catalog.models import SourceDocument, TagDecision, Trial
from ingest.loader import DocumentResult, ingest_document, rebuild_trial
from ingest.management.commands.reclassify import reclassify
from ingest.pipeline import Pipeline


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)  # the ingest says "the file is empty" itself
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Registry documents",
        help_text="Pages (text or saved HTML), ClinicalTrials.gov JSON or XML, WHO ICTRP exports, or a zip of them.",
    )
    keep_out_of_scope = forms.BooleanField(
        required=False, label="Keep records outside regenerative dermatology too (as --all does)"
    )


admin.site.unregister(SourceDocument)


@admin.register(SourceDocument)
class SourceDocumentAdmin(CatalogSourceDocumentAdmin):
    """The curators' inbox: upload documents, see what happened to each, re-read after a fix."""

    actions = ["reread_documents"]
    change_list_template = "admin/catalog/sourcedocument/change_list_with_upload.html"

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="catalog_sourcedocument_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        if not self.has_view_permission(request) or not request.user.has_perm("catalog.change_trial"):
            raise PermissionDenied
        results = None
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            results = _ingest_uploads(form.cleaned_data["files"], form.cleaned_data["keep_out_of_scope"])
            changed = {r.trial_id: r for r in results if r.status in ("created", "updated") and r.trial_id}
            for trial in Trial.objects.filter(primary_id__in=changed):
                result = changed[trial.primary_id]
                self.log_change(request, trial, f"Uploaded {result.file_name}: {result.status}.")
            self.message_user(request, _summary(results), messages.SUCCESS if results else messages.WARNING)
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload registry documents",
            "opts": self.model._meta,
            "form": form,
            "results": results,
        }
        return TemplateResponse(request, "admin/catalog/sourcedocument/upload.html", context)

    @admin.action(description="Re-read the selected documents with today's parsers")
    def reread_documents(self, request, queryset):
        counts: dict[str, int] = {}
        for document in queryset.select_related("trial"):
            status = _reread(document)
            counts[status] = counts.get(status, 0) + 1
            document.refresh_from_db(fields=["trial"])  # a retried document may now have one
            if document.trial_id:
                self.log_change(request, document.trial, f"Re-read from {document.file_name}.")
        text = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        self.message_user(request, f"Re-read {sum(counts.values())} documents: {text}.", messages.SUCCESS)


def _reread(document: SourceDocument) -> str:
    """A parsed document: its trial rebuilt from all its documents (no duplicate, nothing lost).
    A failed one: tried again from its bytes, as if it had just arrived."""
    with transaction.atomic():
        if document.parse_status == SourceDocument.PARSED and document.trial_id:
            rebuild_trial(document.trial)
            return "rebuilt"
        if document.parse_status == SourceDocument.FAILED:
            result = ingest_document(bytes(document.raw), document.file_name, existing=document, checked=True)
            return result.status
    return "unchanged"


def _ingest_uploads(files, keep_out_of_scope: bool) -> list[DocumentResult]:
    """Each uploaded file through the same pipeline as `manage.py ingest` (zips included); the
    documents keep the uploaded names, under "uploaded/"."""
    results: list[DocumentResult] = []
    with tempfile.TemporaryDirectory(prefix="regenderm-upload-") as folder:
        paths = []
        for index, upload in enumerate(files):
            # Our own name on disk: the browser's name is kept for the record, never used as a path.
            target = Path(folder) / f"{index:04d}-{Path(upload.name).name[-120:] or 'document'}"
            with target.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            paths.append(str(target))
        Pipeline(keep_out_of_scope=keep_out_of_scope, on_result=results.append).run(paths)
        # "<folder>/0001-name" -> "uploaded/name", in one statement.
        SourceDocument.objects.filter(file_name__startswith=f"{folder}/").update(
            file_name=Left(Concat(Value("uploaded/"), Substr("file_name", len(folder) + 7)), 500)
        )
        prefix = re.compile(rf"^{re.escape(folder)}/\d{{4}}-")
        return [replace(result, file_name=prefix.sub("", result.file_name)) for result in results]


def _summary(results: list[DocumentResult]) -> str:
    if not results:
        return "No documents were found in the upload."
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    return f"{len(results)} documents: " + ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
