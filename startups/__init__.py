"""The community layer: youth-union units and officers, seller onboarding and moderation.
Startup profiles, pitches and virtual expos will live here too."""
