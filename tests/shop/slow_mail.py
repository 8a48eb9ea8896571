"""An e-mail backend that takes its time, so that a test can kill the worker mid-send."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("EMAIL_SLOW_SECONDS", "60")))
        return super().send_messages(email_messages)
