"""The expos' public pages: the list of expos, the lobby, halls, sessions, booths, passport."""

urlpatterns = []
