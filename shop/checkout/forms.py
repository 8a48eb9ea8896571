from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from shop.addresses import VietnameseAddressFormMixin
from shop.payments.methods import available_methods


class ShippingAddressForm(VietnameseAddressFormMixin, OscarShippingAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_vietnamese_fields()


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How would you like to pay?"), widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args, basket=None, **kwargs):
        super().__init__(*args, **kwargs)
        methods = available_methods(basket)
        self.fields["method"].choices = [(m.code, m.name) for m in methods]
        self.descriptions = {m.code: m.description for m in methods}
        if len(methods) == 1:
            self.fields["method"].initial = methods[0].code
