"""The community layer's pages, one module per domain: ``onboarding`` (producers apply to
sell), ``review`` (the officers' desks), ``reports`` (figures scoped to who reads them)."""
