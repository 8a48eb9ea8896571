"""The community layer: youth-union units and officers, seller onboarding and moderation,
startup profiles, pitches and virtual expos. It becomes an installed app with the seller
onboarding work (issue 3); nothing lives here yet."""
