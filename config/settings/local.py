"""The run command's settings: everything embedded.

DEBUG is off unless asked for (``DEBUG=1 ./bin/run``, which bin/run allows only on a loopback
address): Django's debug pages list every URL pattern and setting to whoever asks, so the demo
serves the site's own 403/404/500 pages like production does. Static files come through
WhiteNoise straight from the source folders (no collectstatic), uploads through Django.
"""

from .base import *
from .base import MIDDLEWARE, env

DEBUG = env.bool("DEBUG", default=False)
SERVE_MEDIA = True
if not DEBUG:
    MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
