"""The basket, with its lines loaded in a fixed number of queries.

Oscar's ``Basket.all_lines()`` joins only the product and the stock record. Pricing then asks,
line by line, for the product's stock records (the strategy prices the first one), their
seller (only approved sellers sell), the product class (stock tracking) and, for a variant,
its parent; the basket page asks for the pictures again. Here the lines arrive with all of it:
three queries for any number of lines, a fourth when a line has options. Oscar drops the
loaded lines whenever the basket changes (``reset_offer_applications``), so the loading lives
in ``all_lines()`` itself and every reload is as cheap as the first. An add to the basket keeps the loaded lines, updated or
with the new line appended, instead of reading them again (``add_product``).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from oscar.apps.basket.abstract_models import AbstractBasket

from shop.basket.selectors import line_options_load, lines_with_pricing


class Basket(AbstractBasket):
    def all_lines(self):
        if self.id is not None and self._lines is None:
            lines = list(lines_with_pricing(self.lines.all()))
            line_options_load(lines)
            self._lines = self._lines_known(lines)
        return super().all_lines()

    @property
    def num_lines(self):
        # Oscar counts with a query of its own; the lines are loaded anyway on every page
        # that asks (the header shows the basket total).
        return len(self.all_lines())

    def product_quantity(self, product):
        """How many of ``product`` the basket holds, counted on the loaded lines."""
        return sum(line.quantity for line in self.all_lines() if line.product_id == product.pk)

    # Set by an add that updated or appended a loaded line: the loaded lines match the database.
    _lines_current = False

    def add_product(self, product, quantity=1, options=None):
        """Oscar's add, without reading again the lines that are already loaded.

        Oscar looks the line up (``get_or_create``, with a savepoint), drops every loaded
        line, and the add view's offer messages reset the basket again: each add read all the
        lines twice. Here, for a product without options:

        - a new basket is saved and known to have no lines (nothing to read);
        - when the loaded lines hold this product from this stock record, that line's
          quantity is raised in the database (``_quantity_add``) and read back;
        - otherwise the new line is inserted (``_line_insert``) and appended to the loaded
          lines, which stay loaded (discounts cleared) through the next
          ``reset_offer_applications``.

        Anything else (lines not loaded, options, a price or currency problem Oscar reports,
        a line a concurrent request has just created) is Oscar's code.
        """
        if options:
            return super().add_product(product, quantity, options)
        if self.id is None:
            self.save()
            self._lines = self._lines_known([])
        if self._lines is None:
            return super().add_product(product, quantity, options)
        stock_info = self.get_stock_info(product, [])
        currency = self.currency
        if (
            stock_info.stockrecord is None
            or not stock_info.price.exists
            or (currency and stock_info.price.currency != currency)
        ):
            return super().add_product(product, quantity, options)
        lines = list(self._lines)
        reference = self._create_line_reference(product, stock_info.stockrecord, [])
        line = next((each for each in lines if each.line_reference == reference), None)
        created = line is None
        if created:
            line = self._line_insert(product, stock_info, reference, quantity)
            if line is None:  # a concurrent request (another tab) created it meanwhile
                self._quantity_add(reference, quantity)
                self.reset_offer_applications()  # the lines are read again
                return self.lines.get(line_reference=reference), False
            lines.append(line)
        else:
            self._quantity_add(reference, quantity)
            line.refresh_from_db(fields=["quantity"])
        self.reset_offer_applications()  # Oscar's: the offers and the loaded lines go
        self._keep_lines(self._lines_known(lines))  # but these lines are current
        self._lines_current = True  # and stay so through the add view's own reset
        return line, created

    add_product.alters_data = True
    add = add_product

    def reset_offer_applications(self):
        """Oscar's reset, which also drops the loaded lines so that they are read again after
        a change. Once after an add (above) they are current: they are kept and only lose
        their discounts. Any other change (basket form, merge, flush, Oscar's own add)
        re-reads them."""
        lines = self._lines if self._lines_current else None
        self._lines_current = False
        super().reset_offer_applications()
        if lines is not None:
            self._keep_lines(lines)

    def _line_insert(self, product, stock_info, reference, quantity):
        """The new line, inserted; None if the basket already has a line of that reference.

        The lines were read earlier in the request, so there is no lookup first; the unique
        (basket, line reference) constraint still refuses a second line for the same
        product, and the savepoint lets the request go on after that refusal, as Oscar's
        ``get_or_create`` does."""
        price = stock_info.price
        line = self.lines.model(
            basket=self,
            line_reference=reference,
            product=product,
            stockrecord=stock_info.stockrecord,
            quantity=max(0, quantity),
            price_excl_tax=price.excl_tax,
            price_currency=price.currency,
            tax_code=price.tax_code,
        )
        if price.is_tax_known:
            line.price_incl_tax = price.incl_tax
        try:
            with transaction.atomic():
                line.save(force_insert=True)
        except IntegrityError:
            return None
        line.has_options = False  # as lines_with_pricing() annotates, and
        line_options_load([line])  # so its (no) options are known without a query
        return line

    def _quantity_add(self, reference, quantity):
        """Raise a line's quantity in the database itself, so that two tabs adding at once
        both count (Oscar reads the quantity and writes it back: one addition is lost)."""
        self.lines.filter(line_reference=reference).update(
            quantity=Greatest(F("quantity") + quantity, 0)
        )

    def _lines_known(self, lines):
        """``lines`` as what ``all_lines()`` returns: the lines queryset, already evaluated
        (Oscar's basket page builds its formset on that queryset)."""
        queryset = lines_with_pricing(self.lines.all())
        queryset._result_cache = list(lines)
        queryset._prefetch_done = True
        return queryset

    def _keep_lines(self, lines):
        self._lines = lines
        for line in lines:
            line.clear_discount()


from oscar.apps.basket.models import *  # noqa: E402, F403  (Line, LineAttribute)
