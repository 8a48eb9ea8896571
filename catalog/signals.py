"""Signals the catalogue sends, for the layers above to listen to (receivers live in the
listening app's ``receivers.py``)."""

from django.dispatch import Signal

# Sent inside a bulk import's transaction with ``product_ids`` (created and updated): bulk
# writes send no model signals, so the search index and the page cache learn of them here.
products_imported = Signal()
