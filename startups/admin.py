from django import forms
from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from startups.models import (
    Award,
    Lead,
    Officer,
    Pitch,
    PitchReview,
    PitchVersion,
    Question,
    SellerApplication,
    SellerHandover,
    Startup,
    TeamMember,
    UnionUnit,
)
from startups.services import profiles


@admin.register(UnionUnit)
class UnionUnitAdmin(TreeAdmin):
    form = movenodeform_factory(UnionUnit)
    list_display = ("name", "level", "province")
    search_fields = ("name", "code")


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "title")
    autocomplete_fields = ("user",)
    search_fields = ("user__username", "user__email", "unit__name")


@admin.register(SellerApplication)
class SellerApplicationAdmin(admin.ModelAdmin):
    list_display = ("display_name", "kind", "status", "union_unit", "submitted_at")
    list_filter = ("status", "kind")
    readonly_fields = ("submitted_at", "reviewed_at")


@admin.register(SellerHandover)
class SellerHandoverAdmin(admin.ModelAdmin):
    """The handover record, read-only: it is written by the handover itself."""

    list_display = ("partner", "producer_email", "officer", "handed_over_at")
    search_fields = ("partner__name", "producer_email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- leads ---


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    """Leads for site staff to look into abuse: read-only, as they are the sender's words and
    the startup's interest count is kept with them by ``startups.services.leads``."""

    list_display = ("name", "startup", "role", "status", "source", "created")
    list_filter = ("status", "role", "source")
    search_fields = ("name", "email", "phone", "startup__name")
    list_select_related = ("startup",)
    raw_id_fields = ("startup", "pitch", "user")
    readonly_fields = ("fingerprint", "created", "status_changed")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- profiles ---


class StartupAdminForm(forms.ModelForm):
    """The links pass the same checks as on the seller's page (https, the network's hosts)."""

    class Meta:
        model = Startup
        fields = [
            "partner",
            "union_unit",
            "slug",
            "logo",
            *profiles.PROFILE_FIELDS,
        ]

    def clean(self):
        data = super().clean()
        for name, check in profiles.LINK_CHECKS.items():
            if data.get(name):
                try:
                    data[name] = check(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ("position", "name", "role", "role_en", "birth_year", "is_founder", "photo")


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0


@admin.register(Startup)
class StartupAdmin(admin.ModelAdmin):
    """Site staff correct or hide a startup here. Startups are created by their seller
    (``startups.services.profiles.startup_save``: its unit, address and checks), verified by
    officers, and followed by buyers: none of that is done here."""

    form = StartupAdminForm
    inlines = [TeamMemberInline, AwardInline]
    list_display = ("name", "partner", "union_unit", "published", "verified_by", "created")
    list_filter = ("published", "sector", "stage", ("verified_by", admin.EmptyFieldListFilter))
    list_select_related = ("partner", "union_unit", "verified_by")
    search_fields = ("name", "name_en", "slug", "partner__name")
    raw_id_fields = ("partner", "union_unit", "province")
    readonly_fields = (
        "verified_by",
        "verified_by_user",
        "verified_at",
        "follower_count",
        "interest_count",
        "created",
        "updated",
    )

    def has_add_permission(self, request):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        profiles.startup_changed_on_commit(form.instance.pk)


# --- pitches ---


class ReadOnlyAdmin(admin.ModelAdmin):
    """Pitches move only through ``startups.services.pitches`` (review by the unit tree,
    versions, the page cache and the directory told): staff read them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PitchVersionInline(admin.TabularInline):
    model = PitchVersion
    extra = 0
    fields = ("number", "approved_by", "approved_unit", "approved_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PitchReviewInline(PitchVersionInline):
    model = PitchReview
    fields = ("created", "officer", "unit", "decision", "note")
    readonly_fields = fields
    show_change_link = False


@admin.register(Pitch)
class PitchAdmin(ReadOnlyAdmin):
    list_display = ("title", "startup", "state", "published_version", "updated")
    list_filter = ("state",)
    list_select_related = ("startup", "published_version")
    search_fields = ("title", "slug", "startup__name")
    inlines = [PitchVersionInline, PitchReviewInline]


@admin.register(PitchVersion)
class PitchVersionAdmin(ReadOnlyAdmin):
    list_display = ("pitch", "number", "approved_unit", "approved_at")
    list_select_related = ("pitch", "approved_unit")
    search_fields = ("pitch__title", "pitch__startup__name")


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    """Officers of the startup's tree show and hide questions on their desk."""

    list_display = ("text", "pitch", "status", "created")
    list_filter = ("status",)
    list_select_related = ("pitch",)
    search_fields = ("text", "answer", "pitch__title")
