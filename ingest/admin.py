"""Curation that needs the ingest: hand tag decisions, reclassifying, the upload inbox and
re-reading documents from the admin.

catalog must not import ingest, so the Trial admin is extended here.
"""

import itertools
from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from catalog.admin import SourceDocumentAdmin as CatalogSourceDocumentAdmin
from catalog.admin import TrialAdmin as CatalogTrialAdmin
from catalog.changes import mark_changed
from catalog.corrections import display
from catalog.history import facts_of
from catalog.models import (
    Correction,
    DraftTrial,
    SourceDocument,
    TagDecision,
    Trial,
    TrialChange,
    TrialToReview,
    UploadBatch,
    UploadedFile,
)
from ingest.curation import FIELDS as CORRECTABLE
from ingest.curation import LABELS as CORRECTION_LABELS
from ingest.curation import correct, form_value
from ingest.errors import IngestError
from ingest.loader import CREATED, UPDATED, assign_identifier, ingest_document
from ingest.merging import registry_record
from ingest.normalize.identifiers import parse_typed_identifier
from ingest.reclassify import HISTORY_MESSAGE, reclassify, streamed
from ingest.reclassify import summary as reclassified_summary
from ingest.tasks import log_uploaded_trials, read_files, read_upload, reclassify_in_background, result_row
from ingest.writing import rebuild_trial


class TagDecisionForm(forms.ModelForm):
    class Meta:
        model = TagDecision
        fields = ["condition", "cell_source", "product_type", "tag_term", "include", "note"]

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in ("condition", "cell_source", "product_type", "tag_term") if cleaned.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                "Choose one term: a condition, a cell source, a product type, or an origin, route or procedure. "
                "A term the vocabularies lack is added to its vocabulary first."
            )
        return cleaned


class TagDecisionInline(admin.TabularInline):
    """Each decision chooses a term of the vocabularies (searchable): a typo cannot make a new
    public term. A new term is added in its vocabulary's own page first."""

    model = TagDecision
    form = TagDecisionForm
    extra = 1
    fields = ["condition", "cell_source", "product_type", "tag_term", "include", "note", "decided_by", "decided_at"]
    readonly_fields = ["decided_by", "decided_at"]
    autocomplete_fields = ["condition", "cell_source", "product_type", "tag_term"]
    verbose_name = "curator's tag decision"
    verbose_name_plural = "curator's tag decisions (they override the automatic tags, and survive re-ingest)"


class CorrectionInline(admin.TabularInline):
    """The trial's corrections in force. Ticking "Delete" withdraws one (kept in the list of all
    corrections, inactive): the registry's value comes back."""

    model = Correction
    extra = 0
    fields = ["field", "shown", "registry_said", "registry_now", "registry_changed", "reason", "corrected_by"]
    readonly_fields = fields
    verbose_name = "curator's correction"
    verbose_name_plural = (
        "curators' corrections (made by changing a field below; they survive every re-read; "
        "tick Delete to withdraw one)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(withdrawn_at__isnull=True).select_related("corrected_by")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="shown")
    def shown(self, correction):
        return display(correction.field, correction.value)

    @admin.display(description="registry said")
    def registry_said(self, correction):
        return display(correction.field, correction.registry_value)

    @admin.display(description="registry says now")
    def registry_now(self, correction):
        return display(correction.field, correction.registry_value_now)


class TrialCorrectionForm(forms.ModelForm):
    """The trial's fields; changing a registry field here stores a correction of it."""

    lead_sponsor = forms.CharField(required=False, max_length=500, label="Lead sponsor")
    site_countries = forms.CharField(
        required=False, label="Countries", help_text="Separated by semicolons: “Iran; Germany”."
    )
    correction_reason = forms.CharField(
        required=False,
        label="Why (for the corrections you make now)",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept with each field you change on this page, and shown beside the registry's value.",
    )

    class Meta:
        model = Trial
        fields = "__all__"  # noqa: DJ007  # the admin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trial = self.instance
        if trial.pk:
            lead = trial.organization_roles.filter(role="LEAD_SPONSOR").select_related("organization").first()
            self.fields["lead_sponsor"].initial = lead.organization.name if lead else ""
            self.fields["site_countries"].initial = "; ".join(trial.countries)


admin.site.unregister(Trial)


# A field the form shows, and the correction it makes (a date's precision belongs to its date).
_CORRECTED_BY_FORM_FIELD = {
    **{name: name for name in CORRECTABLE},
    "lead_sponsor": "sponsor",
    "site_countries": "countries",
    "start_date_precision": "start_date",
    "primary_completion_date_precision": "primary_completion_date",
    "completion_date_precision": "completion_date",
}


@admin.register(Trial)
class TrialAdmin(CatalogTrialAdmin):
    form = TrialCorrectionForm
    inlines = [CorrectionInline, TagDecisionInline, *CatalogTrialAdmin.inlines]
    actions = ["reclassify_trials"]
    fieldsets = [
        *CatalogTrialAdmin.fieldsets[:1],
        ("Your correction", {"fields": ["correction_reason"]}),
        *CatalogTrialAdmin.fieldsets[1:],
        ("Sponsor and countries", {"fields": ["lead_sponsor", "site_countries"]}),
    ]

    def save_model(self, request, obj, form, change):
        obj.facts_before = facts_of(obj.pk) if change else None  # the history compares with these
        super().save_model(request, obj, form, change)
        changed = [name for name in form.changed_data if name in _CORRECTED_BY_FORM_FIELD]
        corrected = list(dict.fromkeys(_CORRECTED_BY_FORM_FIELD[name] for name in changed))
        if not change or not corrected:
            return
        registry = registry_record(obj)
        reason = form.cleaned_data.get("correction_reason", "")
        for field in corrected:
            correct(obj, field, form_value(field, form.cleaned_data), registry, request.user, reason)
        obj.corrected_now = corrected

    def save_formset(self, request, form, formset, change):
        if formset.model is TagDecision:
            for decision in formset.save(commit=False):
                decision.decided_by = request.user
                decision.save()
            for decision in formset.deleted_objects:
                decision.delete()
            formset.save_m2m()
        elif formset.model is Correction:
            formset.save(commit=False)
            for correction in formset.deleted_objects:  # withdrawn, not forgotten
                Correction.objects.filter(pk=correction.pk).update(withdrawn_at=timezone.now())
                form.instance.withdrawn_now = [*getattr(form.instance, "withdrawn_now", []), correction.field]
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        corrected = getattr(form.instance, "corrected_now", [])
        withdrawn = getattr(form.instance, "withdrawn_now", [])
        if corrected or withdrawn:
            # Through the one write path: the trial rebuilt from its sources, corrections last.
            rebuild_trial(
                form.instance, because=TrialChange.CORRECTION, before=getattr(form.instance, "facts_before", None)
            )
        if corrected:
            labels = ", ".join(CORRECTION_LABELS[field].lower() for field in corrected)
            self.message_user(
                request, f"Stored as corrections (they survive every re-read): {labels}.", messages.SUCCESS
            )
        if withdrawn:
            labels = ", ".join(CORRECTION_LABELS[field].lower() for field in withdrawn)
            self.message_user(request, f"Corrections withdrawn, the registry's value is back: {labels}.")
        if any(formset.model is TagDecision and formset.has_changed() for formset in formsets):
            reclassify([form.instance], because=TrialChange.CORRECTION)
            self.message_user(request, "Tags updated with your decisions.", messages.SUCCESS)

    @admin.action(description="Reclassify the selected trials with the current vocabularies", permissions=["change"])
    def reclassify_trials(self, request, queryset):
        if queryset.count() > settings.RECLASSIFY_INLINE_TRIALS:
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            transaction.on_commit(lambda: reclassify_in_background.enqueue(ids, request.user.pk))
            self.message_user(
                request,
                f"{len(ids):,} trials are queued for reclassification: the background worker "
                "(manage.py worker) does it; each trial's history says when it is done.",
                messages.INFO,
            )
            return
        trials = list(streamed(queryset))
        done, changed = reclassify(trials)
        for trial in trials:
            self.log_change(request, trial, HISTORY_MESSAGE)
        self.message_user(request, f"{reclassified_summary(done, changed)}.", messages.SUCCESS)


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
        help_text="Pages (text, saved HTML or MHTML, PDF or Word), ClinicalTrials.gov JSON, XML or CSV downloads, "
        "WHO ICTRP exports, or zips.",
    )
    keep_out_of_scope = forms.BooleanField(
        required=False, label="Keep records outside regenerative dermatology too (as --all does)"
    )
    source_url = forms.URLField(
        required=False,
        max_length=2000,
        label="Page address",
        help_text="Where a single page came from: its registry id is read from the address when the page "
        "prints none (a page with no id anywhere is kept as a draft for you to give it one).",
    )

    def clean_files(self):
        """An upload the web process could not hold is refused with its size, before it is read
        (larger files go through `manage.py ingest` on the server)."""
        files = self.cleaned_data["files"]
        total = sum(upload.size for upload in files)
        if total > settings.INBOX_MAX_BYTES:
            raise forms.ValidationError(
                f"These files hold {total:,} bytes; an upload may hold {settings.INBOX_MAX_BYTES:,}. "
                "Split it, or ingest it on the server with manage.py ingest."
            )
        return files


admin.site.unregister(SourceDocument)


@admin.register(SourceDocument)
class SourceDocumentAdmin(CatalogSourceDocumentAdmin):
    """The curators' inbox: upload documents, see what happened to each, re-read after a fix."""

    actions = ["reread_documents"]
    change_list_template = "admin/catalog/sourcedocument/change_list_with_upload.html"
    fields = ["what_next", *CatalogSourceDocumentAdmin.fields]
    readonly_fields = fields
    list_filter = [*CatalogSourceDocumentAdmin.list_filter, ("trial", admin.EmptyFieldListFilter)]

    @admin.display(description="what you can do")
    def what_next(self, document):
        """The curator's way on from a document that is not (or no longer) a trial's."""
        assign = reverse("admin:catalog_sourcedocument_assign", args=[document.pk])
        if document.parse_status == SourceDocument.FAILED or (document.trial_id and document.trial.draft):
            return format_html('<a href="{}">Give it the registry id its page lacks</a>', assign)
        if document.parse_status == SourceDocument.PARSED and not document.trial_id:
            return "Its trial was deleted: re-read it (list › select › “Re-read”) to bring the trial back."
        return "—"

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="catalog_sourcedocument_upload")
        assign = path(
            "<int:pk>/registry-id/",
            self.admin_site.admin_view(self.assign_view),
            name="catalog_sourcedocument_assign",
        )
        return [upload, assign, *super().get_urls()]

    def assign_view(self, request, pk):
        """Give a quarantined document, or a draft's, the registry id its page lacks."""
        if not request.user.has_perm("catalog.change_trial"):
            raise PermissionDenied
        document = self.get_object(request, str(pk))
        if document is None:
            raise Http404
        form = AssignIdentifierForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                trial = give_identifier(document, form.cleaned_data["registry_id"])
            except IngestError as exc:
                form.add_error("registry_id", str(exc))
            else:
                self.log_change(request, trial, f"Registry id given to {document.file_name}.")
                self.message_user(request, f"{document.file_name} is now part of trial {trial.primary_id}.")
                return HttpResponseRedirect(reverse("admin:catalog_trial_change", args=[trial.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Give {document.file_name} its registry id",
            "opts": self.model._meta,
            "document": document,
            "form": form,
        }
        return TemplateResponse(request, "admin/catalog/sourcedocument/assign_identifier.html", context)

    def upload_view(self, request):
        if not self.has_view_permission(request) or not request.user.has_perm("catalog.change_trial"):
            raise PermissionDenied
        results = None
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files, keep = form.cleaned_data["files"], form.cleaned_data["keep_out_of_scope"]
            address = form.cleaned_data["source_url"]
            if sum(upload.size for upload in files) > settings.INBOX_INLINE_BYTES:
                batch = _queue_upload(files, keep, request.user, address)
                self.message_user(request, f"{batch} is queued: this page shows its progress.", messages.INFO)
                return HttpResponseRedirect(reverse("admin:catalog_uploadbatch_change", args=[batch.pk]))
            read = read_files(((upload.name, upload.chunks()) for upload in files), keep, source_url=address)
            log_uploaded_trials(read, request.user.pk)
            results = [result_row(result) for result in read]
            self.message_user(request, _summary(results), messages.SUCCESS if results else messages.WARNING)
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload registry documents",
            "opts": self.model._meta,
            "form": form,
            "results": results,
            "inline_limit": settings.INBOX_INLINE_BYTES,
        }
        return TemplateResponse(request, "admin/catalog/sourcedocument/upload.html", context)

    def has_reread_permission(self, request):
        """Documents are read-only; re-reading them rewrites trials: a trial curator's right."""
        return request.user.has_perm("catalog.change_trial")

    @admin.action(description="Re-read the selected documents with today's parsers", permissions=["reread"])
    def reread_documents(self, request, queryset):
        counts: Counter[str] = Counter()
        for document in queryset.select_related("trial"):
            counts[_reread(document)] += 1
            document.refresh_from_db(fields=["trial"])  # a retried document may now have one
            if document.trial_id:
                self.log_change(request, document.trial, f"Re-read from {document.file_name}.")
        text = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        total = sum(counts.values())
        self.message_user(request, f"Re-read {total} document{pluralize(total)}: {text}.", messages.SUCCESS)


def _reread(document: SourceDocument) -> str:
    """A parsed document: its trial rebuilt from all its documents (no duplicate, nothing lost).
    A failed one, or one whose trial was deleted: read again from its bytes, as if it had just
    arrived (a deleted trial comes back)."""
    with transaction.atomic():
        if document.parse_status == SourceDocument.PARSED and document.trial_id:
            rebuild_trial(document.trial, because=TrialChange.REREAD)
            return "rebuilt"
        if document.parse_status == SourceDocument.FAILED or (
            document.parse_status == SourceDocument.PARSED and not document.trial_id
        ):
            result = ingest_document(
                bytes(document.raw),
                document.file_name,
                existing=document,
                checked=True,
                source_url=document.source_url,
            )
            return result.status
    return "unchanged"


class AssignIdentifierForm(forms.Form):
    registry_id = forms.CharField(
        label="Its registry id",
        max_length=64,
        help_text="NCT…, IRCT…, ISRCTN…, ACTRN…, EudraCT…: the document is read again with this id and becomes "
        "that trial, or joins it when the catalog has it already. The id is kept with the document.",
    )

    def clean_registry_id(self):
        value = self.cleaned_data["registry_id"].strip()
        if parse_typed_identifier(value) is None:
            raise forms.ValidationError(f"{value!r} does not read as a registry id.")
        return value


def give_identifier(document: SourceDocument, value: str):
    """A curator's registry id for a quarantined document, or a draft's: the document read again
    with it. Returns the trial it became or joined, or raises IngestError saying why not."""
    with transaction.atomic():
        if document.trial_id and document.trial.draft:
            return assign_identifier(document.trial, value)
        if document.trial_id:
            raise IngestError(f"{document.file_name} already belongs to {document.trial.primary_id}")
        document.assigned_identifier = parse_typed_identifier(value)[1]
        document.save(update_fields=["assigned_identifier"])
        result = ingest_document(
            bytes(document.raw),
            document.file_name,
            existing=document,
            checked=True,
            source_url=document.source_url,
            keep_out_of_scope=True,  # the curator says it is a trial of the catalog
        )
        if result.status not in (CREATED, UPDATED):
            raise IngestError(f"{document.file_name} still does not read: {result.error or result.reason}")
        return Trial.objects.get(primary_id=result.trial_id)


def _queue_upload(files, keep_out_of_scope: bool, user, source_url: str = "") -> UploadBatch:
    """Store the files with a new batch and have the worker read them once this commits."""
    with transaction.atomic():
        batch = UploadBatch.objects.create(
            created_by=user, keep_out_of_scope=keep_out_of_scope, file_count=len(files), source_url=source_url
        )
        for number, upload in enumerate(files):
            upload.seek(0)  # Django streamed it to disk; it is stored part by part
            parts = iter(lambda upload=upload: upload.read(UploadedFile.PART_BYTES), b"")
            for part, raw in enumerate(itertools.chain(parts, [b""] if not upload.size else [])):
                UploadedFile.objects.create(batch=batch, name=upload.name[-500:], number=number, part=part, raw=raw)
        transaction.on_commit(lambda: read_upload.enqueue(batch.pk))
    return batch


def _summary(results: list[dict]) -> str:
    if not results:
        return "No documents were found in the upload."
    counts = Counter(result["status"] for result in results)
    parts = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    return f"{len(results)} document{pluralize(len(results))}: {parts}"


@admin.register(UploadBatch)
class UploadBatchAdmin(admin.ModelAdmin):
    """Background uploads: their state, progress and per-document results (read-only)."""

    list_display = ["__str__", "created_by", "created_at", "state", "documents_done", "finished_at"]
    list_filter = ["state"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        if batch is None or not self.has_view_permission(request, batch):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": str(batch),
            "opts": self.model._meta,
            "batch": batch,
            "summary": _summary(batch.results) if batch.state == UploadBatch.DONE else "",
        }
        return TemplateResponse(request, "admin/catalog/uploadbatch_progress.html", context)


@admin.register(TrialToReview)
class TrialToReviewAdmin(TrialAdmin):
    """The generic reader's trials: a curator compares each with its page, fixes it, marks it reviewed."""

    list_display = ["primary_id", "short_title", "review_reason", "status", "phase_display", "enrollment", "updated_at"]
    list_filter = ["status", "in_scope"]
    actions = ["mark_reviewed", "reclassify_trials"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(needs_review=True)

    @admin.action(description="Mark the selected trials as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        trials = list(queryset)
        Trial.objects.filter(pk__in=[trial.pk for trial in trials]).update(needs_review=False, review_reason="")
        mark_changed()
        for trial in trials:
            self.log_change(request, trial, "Reviewed against its page.")
        marked = f"{len(trials)} trial{pluralize(len(trials))}"
        self.message_user(request, f"{marked} marked as reviewed.", messages.SUCCESS)


class DraftTrialForm(TrialCorrectionForm):
    registry_id = forms.CharField(
        required=False,
        label="Its registry id",
        help_text="The trial's id in its registry (NCT…, IRCT…, ISRCTN…, ACTRN…, EudraCT…): the draft becomes "
        "that trial, or joins it when the catalog has it already. Its documents keep the id on every re-read.",
    )

    class Meta:
        model = DraftTrial
        fields = ["brief_title"]  # the admin shows its fieldsets; this only satisfies ModelForm

    def clean_registry_id(self):
        value = self.cleaned_data["registry_id"].strip()
        if value and parse_typed_identifier(value) is None:
            raise forms.ValidationError(f"{value!r} does not read as a registry id.")
        return value


@admin.register(DraftTrial)
class DraftTrialAdmin(TrialAdmin):
    """Pages without a registry id: kept whole, listed here until a curator gives each its id."""

    form = DraftTrialForm
    list_display = ["primary_id", "short_title", "read_from", "status", "enrollment", "created_at"]
    list_filter = ["status"]
    actions = []
    view_on_site = False  # a draft has no public page
    fieldsets = [
        ("Give it its registry id", {"fields": ["registry_id"]}),
        # Its provisional id is in the heading; a draft is never in scope until it has an id.
        *[
            (name, {**options, "fields": [f for f in options["fields"] if f not in ("primary_id", "in_scope")]})
            for name, options in TrialAdmin.fieldsets
        ],
    ]

    def get_queryset(self, request):
        read_from = SourceDocument.objects.only("trial_id", "file_name", "source_url")
        pages = Prefetch("source_documents", queryset=read_from)
        return super().get_queryset(request).filter(draft=True).prefetch_related(pages)

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="read from")
    def read_from(self, trial):
        """The page the draft was read from: a news item or an article has no title of the trial's
        own, so its file and address are what tell the curator which page it is."""
        return "; ".join(page.source_url or page.file_name for page in trial.source_documents.all()) or "-"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        value = form.cleaned_data.get("registry_id")
        if not value:
            return
        try:
            trial = assign_identifier(form.instance, value)
        except IngestError as exc:
            self.message_user(request, f"The id was not assigned: {exc}", messages.ERROR)
            return
        self.log_change(request, trial, f"Registry id {value} assigned to a draft read from its page.")
        form.instance.assigned_to = trial
        self.message_user(request, f"The draft is now trial {trial.primary_id}.", messages.SUCCESS)

    def response_change(self, request, obj):
        trial = getattr(obj, "assigned_to", None)
        if trial is not None:  # no longer a draft: show the trial it became or joined
            return HttpResponseRedirect(reverse("admin:catalog_trial_change", args=[trial.pk]))
        return super().response_change(request, obj)


class CorrectionStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("changed", "The registry changed a value you corrected"),
            ("active", "In force"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "changed":
            return queryset.filter(withdrawn_at__isnull=True, registry_changed=True)
        if self.value() == "active":
            return queryset.filter(withdrawn_at__isnull=True)
        if self.value() == "withdrawn":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every correction curators made, in force or withdrawn; first of all the ones whose field the
    registry has changed since (keep the correction, or withdraw it for the registry's new value)."""

    list_display = [
        "trial_id_display",
        "field",
        "shown",
        "registry_said",
        "registry_now",
        "registry_changed",
        "corrected_by",
        "corrected_at",
        "withdrawn_at",
    ]
    list_filter = [CorrectionStateFilter, "field", "corrected_at"]
    search_fields = ["trial__primary_id", "reason"]
    list_select_related = ["trial", "corrected_by"]
    readonly_fields = [f.name for f in Correction._meta.fields]
    actions = ["keep_corrections", "withdraw_corrections"]

    shown = CorrectionInline.shown
    registry_said = CorrectionInline.registry_said
    registry_now = CorrectionInline.registry_now

    @admin.display(description="trial", ordering="trial__primary_id")
    def trial_id_display(self, correction):
        url = reverse("admin:catalog_trial_change", args=[correction.trial_id])
        return format_html('<a href="{}">{}</a>', url, correction.trial.primary_id)

    def has_add_permission(self, request):
        return False  # made on the trial's page, by changing the field

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn, never deleted: the list keeps who corrected what

    @admin.action(description="Keep my corrections: the registry's new value is seen", permissions=["change"])
    def keep_corrections(self, request, queryset):
        kept = 0
        for correction in queryset.filter(withdrawn_at__isnull=True, registry_changed=True):
            correction.registry_value = correction.registry_value_now
            correction.registry_changed = False
            correction.save(update_fields=["registry_value", "registry_changed"])
            self.log_change(request, correction.trial, f"Correction of {correction.get_field_display()} kept.")
            kept += 1
        self.message_user(request, f"{kept} corrections kept; they are no longer listed as changed.", messages.SUCCESS)

    @admin.action(
        description="Withdraw the selected corrections (the registry's value comes back)", permissions=["change"]
    )
    def withdraw_corrections(self, request, queryset):
        corrections = list(queryset.filter(withdrawn_at__isnull=True).select_related("trial"))
        with transaction.atomic():
            for correction in corrections:
                correction.withdrawn_at = timezone.now()
                correction.save(update_fields=["withdrawn_at"])
            for trial in {correction.trial for correction in corrections}:
                rebuild_trial(trial, because=TrialChange.CORRECTION)
                self.log_change(request, trial, "Corrections withdrawn.")
        self.message_user(request, f"{len(corrections)} corrections withdrawn.", messages.SUCCESS)
