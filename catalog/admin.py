"""Django admin for curators: fix the catalog from the browser, provenance read-only."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from catalog import choices
from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Contact,
    DismissedWord,
    Intervention,
    Organization,
    Outcome,
    ProductType,
    Site,
    SourceDocument,
    TagDecision,
    TagTerm,
    Trial,
    TrialChange,
    TrialIdentifier,
    TrialOrganization,
    refresh_countries,
)


class PhaseListFilter(admin.SimpleListFilter):
    """Phase is a set; Phase 1 lists Phase 1/2 trials too, as on the public pages."""

    title = "phase"
    parameter_name = "phase"

    def lookups(self, request, model_admin):
        return list(choices.PHASE.items())

    def queryset(self, request, queryset):
        if self.value() in choices.PHASE:
            return queryset.filter(phases__contains=[self.value()])
        return queryset


class FromSourcesInline:
    """Rows rebuilt from a trial's documents on every re-read: read-only on a trial that has
    documents (an edit would silently go at the next re-read; the sponsor and the countries are
    corrected in the trial's own fields), editable on a trial entered by hand."""

    def _from_sources(self, obj) -> bool:
        if obj is None or obj.pk is None:
            return False
        if not hasattr(obj, "_from_sources"):  # asked by every inline, three times each: once a page
            obj._from_sources = obj.source_documents.exists()
        return obj._from_sources

    def has_add_permission(self, request, obj=None):
        return not self._from_sources(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._from_sources(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._from_sources(obj) and super().has_delete_permission(request, obj)


class TrialIdentifierInline(FromSourcesInline, admin.TabularInline):
    model = TrialIdentifier
    extra = 0
    fields = ["registry", "value", "kind"]


class ArmInline(FromSourcesInline, admin.StackedInline):
    model = Arm
    extra = 0
    fields = ["position", "label", "type", "description", "intervention_names"]


class InterventionInline(FromSourcesInline, admin.StackedInline):
    model = Intervention
    extra = 0
    fields = ["position", "name", "type", "description", "arm_labels"]


class OutcomeInline(FromSourcesInline, admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ["position", "kind", "measure", "time_frame", "description"]


class TrialOrganizationInline(FromSourcesInline, admin.TabularInline):
    model = TrialOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class SiteInline(FromSourcesInline, admin.TabularInline):
    model = Site
    extra = 0
    fields = ["position", "facility", "city", "state", "country", "status"]


class ContactInline(FromSourcesInline, admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["position", "name", "role", "phone", "email", "affiliation"]


class SourceDocumentInline(admin.TabularInline):
    model = SourceDocument
    extra = 0
    fields = ["document_link", "detected_format", "parse_status", "ingested_at", "sha256"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="document")
    def document_link(self, document):
        return format_html('<a href="../../../sourcedocument/{}/change/">{}</a>', document.pk, document.file_name)


class NewlineNormalizedField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF: read as LF, an untouched text is unchanged
    (else every save would log, and correct, every multi-line field)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


@admin.register(Trial)
class TrialAdmin(admin.ModelAdmin):
    list_display = [
        "primary_id",
        "short_title",
        "status",
        "phase_display",
        "enrollment",
        "start_date",
        "in_scope",
        "needs_review",
    ]
    list_display_links = ["primary_id", "short_title"]
    search_fields = ["primary_id", "brief_title", "official_title", "identifiers__value"]
    list_filter = ["status", PhaseListFilter, "conditions", "cell_sources", "product_types", "in_scope", "needs_review"]
    filter_horizontal = ["conditions", "cell_sources", "product_types"]
    readonly_fields = ["classification_evidence", "unplaced_conditions", "review_reason", "created_at", "updated_at"]
    list_per_page = 50
    inlines = [
        TrialIdentifierInline,
        TrialOrganizationInline,
        ArmInline,
        InterventionInline,
        OutcomeInline,
        SiteInline,
        ContactInline,
        SourceDocumentInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "primary_id",
                    "brief_title",
                    "official_title",
                    "acronym",
                    "in_scope",
                    ("needs_review", "review_reason"),
                ]
            },
        ),
        (
            "Status and dates",
            {
                "fields": [
                    ("status", "status_raw"),
                    "why_stopped",
                    ("enrollment", "enrollment_type"),
                    ("start_date", "start_date_precision", "start_date_type"),
                    ("primary_completion_date", "primary_completion_date_precision", "primary_completion_date_type"),
                    ("completion_date", "completion_date_precision", "completion_date_type"),
                    ("first_posted", "first_posted_precision"),
                    ("last_updated", "last_updated_precision"),
                ]
            },
        ),
        ("Design", {"fields": ["study_type", "phases", "allocation", "intervention_model", "masking", "purpose"]}),
        (
            "Classification",
            {
                "fields": [
                    "conditions",
                    "conditions_raw",
                    "keywords",
                    "icd10_codes",
                    "cell_sources",
                    "product_types",
                    "origins",
                    "routes",
                    "procedures",
                    "unplaced_conditions",
                    "classification_evidence",
                ]
            },
        ),
        ("Description", {"fields": ["brief_summary", "detailed_description"]}),
        (
            "Eligibility",
            {
                "fields": [
                    "sex",
                    ("min_age_years", "max_age_years"),
                    "healthy_volunteers",
                    "inclusion_criteria",
                    "exclusion_criteria",
                ]
            },
        ),
        ("Provenance", {"fields": ["responsible_party", "created_at", "updated_at"]}),
    ]

    def get_deleted_objects(self, objs, request):
        """Deleting a trial deletes the rows its documents gave it, whatever their own admin
        allows one by one (read-only for a trial with documents)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        own_rows = {model._meta.verbose_name for model in (Arm, Intervention, Outcome, Site, Contact)}
        own_rows |= {TrialIdentifier._meta.verbose_name, TrialOrganization._meta.verbose_name}
        return deleted, counts, perms_needed - own_rows, protected

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs["form_class"] = NewlineNormalizedField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="title", ordering="brief_title")
    def short_title(self, trial):
        return trial.title[:90]

    @admin.display(description="phase")
    def phase_display(self, trial):
        return trial.phase_display

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_countries([form.instance.pk])  # the sites inline may have changed them

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            "Its documents are kept: re-reading them (Source documents › “trial: empty” › Re-read) brings it back.",
            messages.INFO,
        )
        return super().response_delete(request, obj_display, obj_id)


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    """Documents are stored exactly as they arrived; nobody edits or deletes them here."""

    list_display = ["file_name", "detected_format", "parse_status", "short_error", "trial", "ingested_at", "size"]
    list_filter = ["parse_status", "detected_format", "ingested_at"]
    search_fields = ["file_name", "sha256", "trial__primary_id", "error"]
    fields = [
        "file_name",
        "detected_format",
        "parse_status",
        "error",
        "trial",
        "sha256",
        "size",
        "ingested_at",
        "raw_text_display",
    ]
    readonly_fields = fields
    list_select_related = ["trial"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            queryset = queryset.defer("raw")  # the list never needs the bytes
        return queryset

    @admin.display(description="error or reason")
    def short_error(self, document):
        return (document.error[:120] + "…") if len(document.error) > 120 else document.error

    @admin.display(description="raw text")
    def raw_text_display(self, document):
        return format_html('<pre class="raw-text">{}</pre>', document.raw_text)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # view-only: the page shows every field and the raw text

    def has_delete_permission(self, request, obj=None):
        return False


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "synonym_list", "trial_count"]
    search_fields = ["name", "slug", "synonyms", "abbreviations"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "synonyms", "abbreviations"]

    @admin.display(description="synonyms and abbreviations")
    def synonym_list(self, term):
        return ", ".join([*term.synonyms, *term.abbreviations])

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(trial_count=Count("trials"))

    @admin.display(description="trials", ordering="trial_count")
    def trial_count(self, term):
        return term.trial_count


@admin.register(Condition)
class ConditionAdmin(VocabularyAdmin):
    list_display = ["name", "category", "icd10", "broad", "synonym_list", "trial_count"]
    list_filter = ["category", "broad"]
    fields = ["name", "slug", "category", "icd10", "broad", "synonyms", "abbreviations"]
    change_list_template = "admin/catalog/condition/change_list.html"

    def get_urls(self):
        urls = [
            path(
                "unplaced/",
                self.admin_site.admin_view(self.unplaced_view),
                name="catalog_condition_unplaced",
            )
        ]
        return urls + super().get_urls()

    def unplaced_view(self, request):
        """Condition words from registries that no term places, most used first: those of listed
        (in-scope) trials unless every trial's are asked for; dismissed words left out."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            word = request.POST.get("dismiss", "").strip()[:500]
            if word:
                DismissedWord.objects.get_or_create(word=word, defaults={"dismissed_by": request.user})
                self.message_user(request, f"“{word}” is dismissed: no longer listed.", messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        every_trial = request.GET.get("trials") == "all"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, count(*) FROM catalog_trial, unnest(unplaced_conditions) AS term "
                "WHERE (%s OR in_scope) AND NOT draft "
                "AND term NOT IN (SELECT word FROM catalog_dismissedword) "
                "GROUP BY term ORDER BY count(*) DESC, term LIMIT 300",
                [every_trial],
            )
            rows = cursor.fetchall()
        context = {
            **self.admin_site.each_context(request),
            "title": "Condition words no term places",
            "rows": rows,
            "every_trial": every_trial,
            "dismissed": DismissedWord.objects.count(),
            "can_dismiss": self.has_change_permission(request),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/catalog/unplaced_terms.html", context)

    def get_changeform_initial_data(self, request):
        """'Add as a new condition' from the unplaced list fills in the word."""
        initial = super().get_changeform_initial_data(request)
        if "synonyms" in request.GET:
            initial["synonyms"] = [request.GET["synonyms"]]
        return initial


@admin.register(DismissedWord)
class DismissedWordAdmin(admin.ModelAdmin):
    """Words dismissed from the unplaced list; delete one to list it again."""

    list_display = ["word", "dismissed_by", "dismissed_at"]
    search_fields = ["word"]
    readonly_fields = ["dismissed_by", "dismissed_at"]


admin.site.register(CellSource, VocabularyAdmin)
admin.site.register(ProductType, VocabularyAdmin)


@admin.register(TagTerm)
class TagTermAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "synonyms"]
    list_filter = ["kind"]
    search_fields = ["name", "synonyms"]


@admin.register(TagDecision)
class TagDecisionAdmin(admin.ModelAdmin):
    """Every hand decision, with who made it and when (made on the trial's page)."""

    list_display = ["trial", "kind", "term", "include", "decided_by", "decided_at"]
    list_filter = ["kind", "include", "decided_at"]
    search_fields = ["trial__primary_id"] + [f"{term}__name" for term in ("condition", "cell_source", "product_type")]
    search_fields += ["tag_term__name"]
    list_select_related = ["trial", "decided_by", "condition", "cell_source", "product_type", "tag_term"]

    def has_add_permission(self, request):
        return False  # decisions are made on the trial's page, where the tags update at once


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_class"]
    search_fields = ["name"]
    list_filter = ["agency_class"]


class TrialChildAdmin(admin.ModelAdmin):
    """A trial's rows one by one: read-only when the trial's documents rebuild them (see
    FromSourcesInline), editable on a trial entered by hand."""

    list_select_related = ["trial"]
    autocomplete_fields = ["trial"]

    def has_change_permission(self, request, obj=None):
        sourced = obj is not None and obj.trial_id and obj.trial.source_documents.exists()
        return not sourced and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        sourced = obj is not None and obj.trial_id and obj.trial.source_documents.exists()
        return not sourced and super().has_delete_permission(request, obj)


@admin.register(TrialIdentifier)
class TrialIdentifierAdmin(TrialChildAdmin):
    list_display = ["value", "registry", "kind", "trial"]
    list_filter = ["registry", "kind"]
    search_fields = ["value", "trial__primary_id"]


@admin.register(Arm)
class ArmAdmin(TrialChildAdmin):
    list_display = ["label", "type", "trial"]
    list_filter = ["type"]
    search_fields = ["label", "trial__primary_id"]


@admin.register(Intervention)
class InterventionAdmin(TrialChildAdmin):
    list_display = ["name", "type", "trial"]
    list_filter = ["type"]
    search_fields = ["name", "trial__primary_id"]


@admin.register(Outcome)
class OutcomeAdmin(TrialChildAdmin):
    list_display = ["measure", "kind", "time_frame", "trial"]
    list_filter = ["kind"]
    search_fields = ["measure", "trial__primary_id"]


@admin.register(Site)
class SiteAdmin(TrialChildAdmin):
    list_display = ["facility", "city", "country", "trial"]
    list_filter = ["country"]
    search_fields = ["facility", "city", "trial__primary_id"]

    # Each change keeps the trials' countries (the country filter and facet) in step.
    def save_model(self, request, site, form, change):
        super().save_model(request, site, form, change)
        refresh_countries({site.trial_id, form.initial.get("trial")} - {None})

    def delete_model(self, request, site):
        super().delete_model(request, site)
        refresh_countries([site.trial_id])

    def delete_queryset(self, request, queryset):
        trial_ids = set(queryset.values_list("trial_id", flat=True))
        super().delete_queryset(request, queryset)
        refresh_countries(trial_ids)


@admin.register(Contact)
class ContactAdmin(TrialChildAdmin):
    list_display = ["name", "role", "trial"]
    search_fields = ["name", "trial__primary_id"]


@admin.register(TrialOrganization)
class TrialOrganizationAdmin(TrialChildAdmin):
    list_display = ["organization", "role", "trial"]
    list_filter = ["role"]
    search_fields = ["organization__name", "trial__primary_id"]
    autocomplete_fields = ["trial", "organization"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record nobody rewrites from the admin: listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrialChange)
class TrialChangeAdmin(ReadOnlyAdmin):
    """The catalog's change history, read-only: every rebuild writes it (catalog/history.py)."""

    list_display = ["changed_on", "kind", "trial", "summary"]
    list_filter = ["kind", "changed_on"]
    search_fields = ["trial__primary_id", "trial__brief_title"]
    list_select_related = ["trial"]
    date_hierarchy = "changed_on"
    readonly_fields = ["trial", "kind", "changed_on", "recorded_at", "document", "summary"]
    fields = readonly_fields


admin.site.site_header = "RegenDerm Trials curation"
admin.site.site_title = "RegenDerm Trials curation"


@admin.register(LogEntry)
class CuratorActionAdmin(ReadOnlyAdmin):
    """Every curator action taken in the admin (edits, deletions, reclassifications): who, when,
    what. Read-only: the record of actions is not itself editable."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_message_text"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"

    @admin.display(description="Change")
    def change_message_text(self, entry):
        return entry.get_change_message()
