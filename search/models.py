"""The database search index: one denormalised row per public product, approved seller and
public startup (the columns after ``created`` are the startups' facets and sorts).

``SearchEntry`` is written only by ``search.backends.database`` from ``search.documents``; pages
never read it directly (they go through ``search.api``). Full text lives beside it, per engine:

- SQLite: the FTS5 table ``search_entry_fts`` (external content over this table, kept in step
  by triggers) and its vocabulary ``search_entry_vocab``; created by migration 0002 and, for
  ``--nomigrations`` test runs, lazily by the backend (``CREATE ... IF NOT EXISTS``).
- PostgreSQL: the generated column ``search_vector`` (title weight A, body weight B) with a GIN
  index, and a trigram index on ``SearchTerm`` for typo tolerance; migration 0002.

Multi-valued facets are stored as ``|``-delimited text ("|1|1.9|"), so one ``LIKE '%|1.9|%'``
matches a code and a ``GROUP BY`` over the whole text gives every code's count after a split.
"""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=8)  # search.api.PRODUCT / SELLER / STARTUP
    object_id = models.IntegerField()
    title = models.CharField(max_length=255)
    title_lower = models.CharField(max_length=255)  # NFC, casefolded, accents kept
    title_folded = models.CharField(max_length=255)
    body_folded = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    group_codes = models.CharField(max_length=255, blank=True)  # "|1|1.9|"
    stars = models.PositiveSmallIntegerField(default=0)  # 0: no certificate in force
    province_code = models.CharField(max_length=8, blank=True)
    price = models.BigIntegerField(default=0)
    seller_id = models.IntegerField(null=True)
    seller_kind = models.CharField(max_length=16, blank=True)
    in_stock = models.BooleanField(default=False)
    marketplaces = models.CharField(max_length=255, blank=True)  # "|lazada|shopee|"
    popularity = models.IntegerField(default=0)  # products: units sold + clicks; sellers: products
    created = models.DateTimeField(null=True)
    sector = models.CharField(max_length=24, blank=True)
    stage = models.CharField(max_length=16, blank=True)
    looking_for = models.CharField(max_length=255, blank=True)  # "|investment|mentoring|"
    verified = models.BooleanField(default=False)
    youth_team = models.BooleanField(default=False)
    has_ocop = models.BooleanField(default=False)
    followers_month = models.IntegerField(default=0)  # follows since the 1st of this month
    interest = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="searchentry_one_per_object"
            ),
        ]
        # The sorts' indexes end with the id, as every sort does (``search.backends.sql.
        # order_by``): the database then reads a deep page in order along the index instead
        # of sorting every entry of the kind (the directory's page 200: 12 ms to 1.5 ms).
        indexes = [
            models.Index(fields=["kind", "price"], name="searchentry_price"),
            models.Index(fields=["kind", "-created", "object_id"], name="searchentry_created"),
            models.Index(
                fields=["kind", "-stars", "-created", "object_id"], name="searchentry_stars"
            ),
            # The "OCOP stars" sort (and the home page's certified products).
            models.Index(
                fields=["kind", "-stars", "-popularity", "object_id"],
                name="searchentry_stars_popular",
            ),
            models.Index(
                fields=["kind", "-popularity", "object_id"], name="searchentry_popularity"
            ),
            models.Index(fields=["kind", "province_code"], name="searchentry_province"),
            models.Index(fields=["seller_id"], name="searchentry_seller"),
            # The directory's "most followed this month" and "most interest" sorts.
            models.Index(
                fields=["kind", "-followers_month", "object_id"], name="searchentry_followed"
            ),
            models.Index(fields=["kind", "-interest", "object_id"], name="searchentry_interest"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchTerm(models.Model):
    """Every word of the index (PostgreSQL): where typo tolerance looks for the nearest word
    by trigram distance. Added to as documents are written, rebuilt with the index; a word
    whose documents are gone is checked against the index before it is used."""

    term = models.CharField(max_length=64, primary_key=True)

    def __str__(self):
        return self.term


class GroupCount(models.Model):
    """A category page's facet counts and total (its OCOP code the only filter, the facets
    ``search.types.GROUP_PAGE_FACETS``), kept by the database backends: every product write
    adds what its rows count now and takes away what they counted before, so a category page
    reads one row instead of counting its group's entries, at any catalogue size. Made for the
    categories' codes (``search.services.group_indexes_ensure``); a code without a row is
    counted live."""

    code = models.CharField(max_length=16, primary_key=True)
    total = models.IntegerField(default=0)
    counts = models.JSONField(default=dict)  # {facet: {value: count}}

    def __str__(self):
        return f"{self.code}: {self.total}"
