"""Reads of the exhibitors' pages in the dashboard: their booths, questions, leads, follow-ups."""
