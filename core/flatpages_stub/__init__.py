"""Django's flatpages are not installed (issue 15: Wagtail is the one page system), yet Oscar's
``customer.0008_assign_permissions_to_staff`` migration depends on ``("flatpages",
"0001_initial")``. This app takes the ``flatpages`` label with that one migration, empty, so the
migration graph holds: a database migrated with flatpages keeps its (unused) table and its
record of the migration; a new one gets neither table nor model. No code reads flatpages.

Installing ``django.contrib.flatpages`` again means removing this app first (same label)."""
