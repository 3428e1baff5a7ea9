"""Meetings, logs, reminders and pair health (issue: Meetings)."""
