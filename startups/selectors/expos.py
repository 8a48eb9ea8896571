"""Reads of the expos' public pages: the list, lobby, halls, sessions, booths, passport."""
