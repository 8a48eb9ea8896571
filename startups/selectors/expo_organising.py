"""Reads of the organisers' pages: an officer's expos, booth applications, questions."""
