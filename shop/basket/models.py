"""The basket, with its lines loaded in a fixed number of queries (issue 6).

Oscar's ``Basket.all_lines()`` joins only the product and the stock record. Pricing then asks,
line by line, for the product's stock records (the strategy prices the first one), their
seller (only approved sellers sell), the product class (stock tracking) and, for a variant,
its parent; the basket page asks for the pictures again. Here the lines arrive with all of it:
four queries for any number of lines. Oscar drops the loaded lines whenever the basket changes
(``reset_offer_applications``), so the loading lives in ``all_lines()`` itself and every
reload is as cheap as the first.
"""

from oscar.apps.basket.abstract_models import AbstractBasket

from shop.basket.selectors import lines_with_pricing


class Basket(AbstractBasket):
    def all_lines(self):
        if self.id is not None and self._lines is None:
            self._lines = lines_with_pricing(self.lines.all())
        return super().all_lines()

    @property
    def num_lines(self):
        # Oscar counts with a query of its own; the lines are loaded anyway on every page
        # that asks (the header shows the basket total).
        return len(self.all_lines())

    def product_quantity(self, product):
        """How many of ``product`` the basket holds, counted on the loaded lines."""
        return sum(line.quantity for line in self.all_lines() if line.product_id == product.pk)

    # Set by an add that updated a loaded line in place: the loaded lines match the database.
    _lines_current = False

    def add_product(self, product, quantity=1, options=None):
        """Oscar's add, without re-reading the lines when the product is already in them.

        Oscar fetches the line once more (``get_or_create``) and drops every loaded line, and
        the add view's offer messages reset the basket again: each add loaded all lines twice.
        When the loaded lines already hold this product from this stock record without
        options, that line's quantity is raised and saved in place, and the loaded lines are
        kept (discounts cleared) through the next ``reset_offer_applications``. Anything
        else (a new line, options, a price or currency problem Oscar reports) is Oscar's code.
        """
        if self.id is None or self._lines is None or options:
            return super().add_product(product, quantity, options)
        stock_info = self.get_stock_info(product, [])
        currency = self.currency
        if (stock_info.stockrecord is None or not stock_info.price.exists
                or (currency and stock_info.price.currency != currency)):
            return super().add_product(product, quantity, options)
        reference = self._create_line_reference(product, stock_info.stockrecord, [])
        line = next((each for each in self._lines if each.line_reference == reference), None)
        if line is None:
            return super().add_product(product, quantity, options)
        line.quantity = max(0, line.quantity + quantity)
        line.save()
        lines = self._lines
        self.reset_offer_applications()  # Oscar's: the offers and the loaded lines go
        self._keep_lines(lines)  # but these lines are current
        self._lines_current = True  # and stay so through the add view's own reset
        return line, False

    add_product.alters_data = True
    add = add_product

    def reset_offer_applications(self):
        """Oscar's reset, which also drops the loaded lines so that they are read again after
        a change. Once after an in-place add (above) they are current: they are kept and
        only lose their discounts. Any other change (basket form, merge, flush, a new line)
        re-reads them."""
        lines = self._lines if self._lines_current else None
        self._lines_current = False
        super().reset_offer_applications()
        if lines is not None:
            self._keep_lines(lines)

    def _keep_lines(self, lines):
        self._lines = lines
        for line in lines:
            line.clear_discount()


from oscar.apps.basket.models import *  # noqa: E402,F401,F403  (Line, LineAttribute)
