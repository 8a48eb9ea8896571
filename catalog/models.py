"""Catalogue models: Oscar's, plus OCOP certification and origin as real fields.

Our classes are declared before the star import of Oscar's models, or Oscar would register
its own ``Product`` first and ours would be silently ignored.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductAttributeValue,
    AbstractProductImage,
)

from core.text import vietnamese_sort_string
from core.uploads import (
    UploadFileField,
    UploadImageField,
    UploadTo,
    validate_certificate_scan,
    validate_pdf_or_picture,
    validate_picture,
    validate_product_image,
)


class Province(models.Model):
    """One of the 34 provinces and centrally-run cities (from 1 July 2025).

    Loaded from ``catalog/data/provinces.json`` by ``manage.py load_reference_data``; the kind
    (city or province) is data because more provinces may become cities.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")

    code = models.CharField(_("GSO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    name_ascii = models.CharField(_("name without diacritics"), max_length=64)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=16, blank=True)
    # Vietnamese alphabetical order of the name (core.text.vietnamese_sort_string), kept
    # by save(): every list of provinces sorts "Cà Mau" before "Cao Bằng" and "Đ" after "D",
    # on SQLite and PostgreSQL alike, whatever the database's collation.
    sort_name = models.CharField(
        _("sort key"), max_length=512, blank=True, editable=False, db_index=True
    )

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("province or city")
        verbose_name_plural = _("provinces and cities")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = vietnamese_sort_string(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        prefix = "Thành phố" if self.kind == self.Kind.CITY else "Tỉnh"
        return f"{prefix} {self.name}"


class Category(AbstractCategory):
    """An OCOP product group or sub-group; ``name_en`` and ``description_en`` show when
    English is active (``core.text.shown_text``)."""

    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    ocop_code = models.CharField(
        _("OCOP group code"),
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_("Stable code of the OCOP group or sub-group, e.g. '1' or '1.9'."),
    )

    # Oscar's field keeps the uploaded name; ours is made by the server from the content.
    image = UploadImageField(
        _("Image"),
        upload_to=UploadTo("categories/%Y/%m"),
        blank=True,
        null=True,
        max_length=255,
        validators=[validate_picture],
    )

    class Meta(AbstractCategory.Meta):
        pass

    @property
    def display_name(self):
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Product(AbstractProduct):
    """A product, with its OCOP certificate (if any) and place of origin."""

    STAR_CHOICES = [(3, _("3 stars")), (4, _("4 stars")), (5, _("5 stars"))]
    CERTIFICATE_VALIDITY_MONTHS = 36

    # Optional English texts, shown on English pages (``core.text.shown_text``); where blank
    # the Vietnamese ones show, marked lang="vi". A variant shows its parent's.
    title_en = models.CharField(
        _("English name"),
        max_length=255,
        blank=True,
        help_text=_("Shown on English pages; left blank, they show the Vietnamese name."),
    )
    description_en = models.TextField(
        _("English description"),
        blank=True,
        help_text=_("Shown on English pages; left blank, they show the Vietnamese description."),
    )

    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), null=True, blank=True, choices=STAR_CHOICES
    )
    ocop_certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    ocop_issuing_authority = models.CharField(_("issuing authority"), max_length=255, blank=True)
    ocop_decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    ocop_decision_date = models.DateField(_("decision date"), null=True, blank=True)
    ocop_valid_from = models.DateField(_("valid from"), null=True, blank=True)
    ocop_valid_until = models.DateField(_("valid until"), null=True, blank=True)
    origin_province = models.ForeignKey(
        Province,
        verbose_name=_("province of origin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    origin_place = models.CharField(
        _("place of origin"),
        max_length=255,
        blank=True,
        help_text=_("Commune or ward, village: where the product is made."),
    )

    ocop_certificate_scan = UploadFileField(
        _("certificate scan"),
        upload_to=UploadTo("certificates/%Y/%m"),
        blank=True,
        validators=[validate_certificate_scan],
        help_text=_("The certificate as a PDF or a picture (JPEG, PNG, WebP), at most 5 MB."),
    )
    ocop_traceability_url = models.URLField(
        _("traceability link"),
        blank=True,
        help_text=_("The product's page on the province's traceability system, if it has one."),
    )
    ocop_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)
    ocop_lapse_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Moderation(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    moderation_status = models.CharField(
        _("moderation status"),
        max_length=16,
        choices=Moderation.choices,
        default=Moderation.APPROVED,
        db_index=True,
        help_text=_("Only approved products of approved sellers are public."),
    )
    moderation_note = models.TextField(
        _("reason for rejection"),
        blank=True,
        help_text=_("Shown to the seller when the product is rejected."),
    )
    pending_changes = models.JSONField(
        _("changes waiting for review"),
        default=dict,
        blank=True,
        help_text=_(
            "Edits to what buyers trust (name, description, certificate, images) of an "
            "approved product wait here; the approved version stays public meanwhile."
        ),
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=3, ocop_stars__lte=5),
                name="product_ocop_stars_3_to_5",
            ),
            models.CheckConstraint(
                condition=Q(ocop_valid_from__isnull=True)
                | Q(ocop_valid_until__isnull=True)
                | Q(ocop_valid_until__gt=F("ocop_valid_from")),
                name="product_ocop_validity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True)
                | (
                    Q(ocop_valid_from__isnull=False)
                    & Q(ocop_valid_until__isnull=False)
                    & ~Q(ocop_certificate_number="")
                ),
                name="product_ocop_stars_need_certificate",
            ),
        ]

    def clean(self):
        """The certificate rules of the database constraints, as messages for forms."""
        super().clean()
        errors = {}
        if self.ocop_stars is not None:
            if self.ocop_stars not in (3, 4, 5):
                errors["ocop_stars"] = _("OCOP certificates are issued for 3, 4 or 5 stars only.")
            if not self.ocop_certificate_number:
                errors["ocop_certificate_number"] = _(
                    "A certified product needs its certificate number."
                )
            if not self.ocop_valid_from:
                errors["ocop_valid_from"] = _("A certified product needs the start of validity.")
            if not self.ocop_valid_until:
                errors["ocop_valid_until"] = _("A certified product needs the end of validity.")
        if (
            self.ocop_valid_from
            and self.ocop_valid_until
            and self.ocop_valid_until <= self.ocop_valid_from
        ):
            errors["ocop_valid_until"] = _("The end of validity must be after its start.")
        if errors:
            raise ValidationError(errors)

    def get_all_images(self):
        """Approved pictures only, everywhere buyers look (basket and checkout included):
        pictures a seller adds wait for review. Filtered in Python so that a prefetch of
        ``images`` still serves it without a query per product."""
        return [image for image in super().get_all_images() if image.is_approved]

    def ocop_is_valid(self, on: datetime.date | None = None) -> bool:
        """True while the certificate is in force; stars are shown only then."""
        if not self.ocop_stars or not self.ocop_valid_from or not self.ocop_valid_until:
            return False
        on = on or timezone.localdate()
        return self.ocop_valid_from <= on <= self.ocop_valid_until

    @property
    def ocop_badge_stars(self) -> int | None:
        return self.ocop_stars if self.ocop_is_valid() else None

    @property
    def ocop_group(self):
        """The top-level OCOP product group among the product's categories."""
        return self.ocop_group_among(())

    def ocop_group_among(self, groups):
        """``ocop_group``, looked up first among ``groups`` (top-level categories already read,
        e.g. the header's): no query when it is one of them."""
        categories = list(self.categories.all())
        for category in categories:
            if category.depth == 1:
                return category
        if categories:
            path = categories[0].path[: categories[0].steplen]
            for group in groups:
                if group.path == path:
                    return group
            return Category.objects.filter(path=path).first()
        return None


class ProductImage(AbstractProductImage):
    """A product picture. Pictures a seller adds to an approved product wait for review
    (``is_approved`` False) and are not shown to buyers until an officer approves them."""

    is_approved = models.BooleanField(_("approved"), default=True, db_index=True)
    # Oscar's field with the uploaded name; ours is made by the server from the content.
    original = UploadImageField(
        _("Original"),
        upload_to=UploadTo("images/products/%Y/%m"),
        max_length=255,
        validators=[validate_product_image],
    )

    class Meta(AbstractProductImage.Meta):
        pass


class ProductAttributeValue(AbstractProductAttributeValue):
    """Oscar's attribute value; its file and picture attributes (if a product type ever has
    them) are checked and named by the server like every other upload."""

    value_file = UploadFileField(
        upload_to=UploadTo("files/attributes/%Y/%m"),
        max_length=255,
        blank=True,
        null=True,
        validators=[validate_pdf_or_picture],
    )
    value_image = UploadImageField(
        upload_to=UploadTo("images/attributes/%Y/%m"),
        max_length=255,
        blank=True,
        null=True,
        validators=[validate_picture],
    )

    class Meta(AbstractProductAttributeValue.Meta):
        pass


class Marketplace(models.TextChoices):
    """The marketplaces a product may also be sold on. Their hostnames live in
    ``catalog/data/marketplaces.json`` so that a new address needs no code change."""

    POSTMART = "postmart", "Postmart"
    LAZADA = "lazada", "Lazada"
    SHOPEE = "shopee", "Shopee"
    TIKI = "tiki", "Tiki"
    TIKTOK = "tiktok", "TikTok Shop"
    SENDO = "sendo", "Sendo"
    VOSO = "voso", "Voso"


class MarketplaceLink(models.Model):
    """Where else a product is sold: one https address per marketplace."""

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="marketplace_links",
        verbose_name=_("product"),
    )
    marketplace = models.CharField(_("marketplace"), max_length=16, choices=Marketplace.choices)
    url = models.URLField(_("address"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["marketplace"]
        verbose_name = _("marketplace link")
        verbose_name_plural = _("marketplace links")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "marketplace"], name="marketplacelink_one_per_marketplace"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="https://"), name="marketplacelink_https_only"
            ),
        ]

    def __str__(self):
        return f"{self.get_marketplace_display()}: {self.url}"


class MarketplaceClick(models.Model):
    """One click on "Also on ..." through our redirect. No personal data: no IP address, no
    user, no user agent; only the page path it came from."""

    link = models.ForeignKey(MarketplaceLink, on_delete=models.CASCADE, related_name="clicks")
    clicked_at = models.DateTimeField(default=timezone.now, db_index=True)
    from_path = models.CharField(_("from page"), max_length=300, blank=True)

    class Meta:
        ordering = ["-clicked_at"]
        verbose_name = _("marketplace click")
        verbose_name_plural = _("marketplace clicks")

    def __str__(self):
        return f"{self.link_id} @ {self.clicked_at:%Y-%m-%d %H:%M}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
