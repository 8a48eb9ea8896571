"""Order placement that never oversells.

Oscar checks availability before placing an order but allocates stock without checking again,
so concurrent checkouts for the last units could all succeed and sell stock that is not there.
Here each
allocation is a conditional update (row-locked by PostgreSQL): when the units are gone it
fails, the whole order is rolled back and the buyer is told, before any payment. Oscar
allocates a basket's lines in stock-record order, so two baskets holding the same products
in opposite order cannot deadlock.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class OrderCreator(OscarOrderCreator):
    def update_stock_records(self, line):
        if not line.product.get_product_class().track_stock:
            return
        allocated = Coalesce(F("num_allocated"), 0)
        updated = StockRecord.objects.filter(
            pk=line.stockrecord_id,
            num_in_stock__gte=allocated + line.quantity,
        ).update(num_allocated=allocated + line.quantity)
        if updated:
            # A conditional UPDATE sends no model signal. Send the one Oscar's own
            # ``allocate()`` sends for its atomic update, so every receiver of stock changes
            # stays true after the order commits: the cached pages (availability) and the
            # search index (in stock, popularity), batched per transaction.
            record = line.stockrecord
            record.refresh_from_db(fields=["num_allocated"])
            record.post_save_signal()
        else:
            raise UnableToPlaceOrder(
                _(
                    "Sorry, %(title)s sold out while you were checking out. Your basket is "
                    "kept; nothing was charged."
                )
                % {"title": line.product.get_title()}
            )
