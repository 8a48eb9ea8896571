"""Add-to-basket form that does not ask for the options of a product that has none."""

from oscar.apps.basket import forms as oscar_forms


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def cleaned_options(self):
        # Oscar reads product.options (a query) even when has_options already said "none".
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass
