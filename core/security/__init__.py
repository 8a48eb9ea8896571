"""Cross-cutting security machinery that every layer uses: login throttling (django-axes
hooks, the lockout page, password reset clearing the lock), registration that does not tell
whether an e-mail is registered, logout by POST only, response headers for secret-link pages,
one-line logging of 403/404. No domain logic; the apps do not import each other through it."""
