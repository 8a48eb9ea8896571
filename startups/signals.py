"""Signals the community layer sends to the layers above (the search index, the page cache).

``startup_changed(startup_id)``: something a startup's public card, page or directory entry
shows has changed (its profile, team, verification, followers, interest, a pitch published
or withdrawn). Sent once the change commits, by ``startups.services``."""

from django.dispatch import Signal

startup_changed = Signal()
