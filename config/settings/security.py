"""Security settings: login throttling (django-axes), Content-Security-Policy (django-csp),
one-line 403/404 logs. ``apply(globals())`` at the end of base.py adds them to the shared
settings, so every environment has them; environment variables tune the numbers."""

from datetime import timedelta

from csp.constants import NONE, SELF, UNSAFE_INLINE

from core.video import FRAME_ORIGINS as VIDEO_FRAMES
from core.video import IMAGE_ORIGINS as VIDEO_STILLS


def apply(s: dict) -> None:
    env = s["env"]
    s["INSTALLED_APPS"] = [*s["INSTALLED_APPS"], "axes", "csp"]
    middleware = list(s["MIDDLEWARE"])
    middleware.insert(
        middleware.index("django.middleware.security.SecurityMiddleware") + 1,
        "core.security.middleware.SitePolicyMiddleware",
    )
    s["MIDDLEWARE"] = [*middleware, "axes.middleware.AxesMiddleware"]  # axes: last
    s["AUTHENTICATION_BACKENDS"] = [
        "axes.backends.AxesStandaloneBackend",
        *s["AUTHENTICATION_BACKENDS"],
    ]

    # --- Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one account
    # (whichever login form: shop, Django admin, Wagtail admin), or from one address, logins
    # pause for AXES_COOLOFF_MINUTES; a password reset lifts the account's pause at once.
    s["AXES_ENABLED"] = env.bool("AXES_ENABLED", default=True)
    s["AXES_FAILURE_LIMIT"] = env.int("AXES_FAILURE_LIMIT", default=10)
    s["AXES_COOLOFF_TIME"] = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
    s["AXES_LOCKOUT_PARAMETERS"] = ["username", "ip_address"]  # either one pauses
    s["AXES_RESET_ON_SUCCESS"] = True
    s["AXES_USERNAME_CALLABLE"] = "core.security.auth.login_key"
    s["AXES_LOCKOUT_CALLABLE"] = "core.security.auth.lockout_response"
    s["AXES_HTTP_RESPONSE_CODE"] = 429
    # Behind a reverse proxy, the number of proxies that append to X-Forwarded-For (else the
    # address is REMOTE_ADDR, which a client cannot forge).
    if env("AXES_PROXY_COUNT", default=""):
        s["AXES_IPWARE_PROXY_COUNT"] = env.int("AXES_PROXY_COUNT")
        s["AXES_IPWARE_META_PRECEDENCE_ORDER"] = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

    # --- Content-Security-Policy: no inline script on the site (an injected one never
    # runs); scripts, styles and fonts only from our origin. Inline style attributes
    # stay allowed (they cannot run code). The admin areas get 'unsafe-inline' scripts:
    # security/middleware.py. MEDIA_ORIGIN: a separate media domain, e.g. https://media.example.
    # Frames: ours and the video players of core/video.py; pictures: also YouTube's stills.
    media = [o for o in [env("MEDIA_ORIGIN", default="")] if o]
    s["CONTENT_SECURITY_POLICY"] = {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", *media, *VIDEO_STILLS],
            "object-src": [SELF, *media],
            "font-src": [SELF, "data:"],
            "connect-src": [SELF],
            "frame-src": [SELF, *media, *VIDEO_FRAMES],
            "frame-ancestors": [SELF],
            "base-uri": [SELF],
            "form-action": [SELF, "https://checkout.stripe.com"],
            "worker-src": [NONE],
        },
    }

    # --- 403 and 404: one line each, no traceback.
    logging = s["LOGGING"]
    logging.setdefault("filters", {})["one_line_client_errors"] = {
        "()": "core.security.log.OneLineClientErrors"
    }
    logging["handlers"]["console"].setdefault("filters", []).append("one_line_client_errors")
    # Only through our handler (Django's own console handler would print them again in DEBUG).
    logging.setdefault("loggers", {})["django.request"] = {
        "handlers": ["console"],
        "level": "WARNING",
        "propagate": False,
    }
