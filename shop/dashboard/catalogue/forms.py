"""Dashboard product form with the OCOP certificate and origin fields. Uploads (the
certificate scan, pictures) are checked by the model fields' validators (``core.uploads``),
so every form that saves them, the Django admin's included, checks them the same way."""

from django import forms
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.core.loading import get_model

from catalog.marketplaces import validate_marketplace_url
from catalog.models import MarketplaceLink
from catalog.services.marketplaces import marketplace_link_delete, marketplace_link_set

Product = get_model("catalogue", "Product")

OCOP_FIELDS = [
    "origin_province",
    "origin_place",
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_issuing_authority",
    "ocop_decision_number",
    "ocop_decision_date",
    "ocop_valid_from",
    "ocop_valid_until",
    "ocop_certificate_scan",
    "ocop_traceability_url",
]

# Shown in their own "English (optional)" group of the details tab (product_update.html).
ENGLISH_FIELDS = ["title_en", "description_en"]


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = oscar_forms.ProductForm.Meta.fields + OCOP_FIELDS + ENGLISH_FIELDS
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            # Plain text, shown with line breaks: no rich-text HTML to sanitise.
            "description": forms.Textarea(attrs={"class": "no-widget-init", "rows": 8}),
            "title_en": forms.TextInput(attrs={"autocomplete": "off", "lang": "en"}),
            "description_en": forms.Textarea(
                attrs={"class": "no-widget-init", "rows": 6, "lang": "en"}
            ),
            "ocop_decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ocop_valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ocop_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def primary_form_fields(self):
        return [f for f in super().primary_form_fields() if f.name not in ENGLISH_FIELDS]

    def english_form_fields(self):
        return [self[name] for name in ENGLISH_FIELDS if name in self.fields]

    def delete_non_child_fields(self):
        """Variants have no description of their own (Oscar's rule), nor an English one."""
        super().delete_non_child_fields()
        self.fields.pop("description_en", None)


class CategoryForm(oscar_forms.CategoryForm):
    """Oscar's category form with the English name and description (``Category.name_en``,
    ``description_en``), each after its Vietnamese field."""

    class Meta(oscar_forms.CategoryForm.Meta):
        fields = [
            "name",
            "name_en",
            "slug",
            "description",
            "description_en",
            "image",
            "is_public",
            "exclude_from_menu",
            "meta_title",
            "meta_description",
        ]
        widgets = {
            **oscar_forms.CategoryForm.Meta.widgets,
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "description_en": forms.Textarea(attrs={"class": "no-widget-init", "lang": "en"}),
        }


class MarketplaceLinkForm(forms.ModelForm):
    class Meta:
        model = MarketplaceLink
        fields = ["marketplace", "url"]
        widgets = {
            "url": forms.URLInput(attrs={"placeholder": "https://www.lazada.vn/products/..."})
        }

    def clean(self):
        data = super().clean()
        if data.get("marketplace") and data.get("url") and not self.cleaned_data.get("DELETE"):
            try:
                data["url"] = validate_marketplace_url(data["marketplace"], data["url"])
            except forms.ValidationError as error:
                self.add_error("url", error)
        return data

    def save(self, commit=True):
        """Through the one write path (``catalog.services.marketplaces``)."""
        if not commit:
            return super().save(commit=False)
        self.instance = marketplace_link_set(
            product=self.instance.product,
            marketplace=self.cleaned_data["marketplace"],
            url=self.cleaned_data["url"],
            link=self.instance,
        )
        return self.instance


_BaseMarketplaceFormSet = forms.inlineformset_factory(
    Product,
    MarketplaceLink,
    form=MarketplaceLinkForm,
    extra=2,
    can_delete=True,
    max_num=7,
    validate_max=True,
)


class MarketplaceLinkFormSet(_BaseMarketplaceFormSet):
    """Where else the product is sold; built like Oscar's other product formsets."""

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def delete_existing(self, obj, commit=True):
        if commit:
            marketplace_link_delete(product=obj.product, marketplace=obj.marketplace)


class ProductClassSelectForm(oscar_forms.ProductClassSelectForm):
    """Oscar's form counts the product types (to preselect a lone one) and its select then
    reads them with a query of its own; here the select lists the ones already read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["product_class"]
        field.choices = [("", field.empty_label)] + [
            (product_class.pk, field.label_from_instance(product_class))
            for product_class in field.queryset
        ]
