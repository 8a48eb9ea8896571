"""The community layer's forms, one module per domain (``onboarding``, ...)."""
