"""Moodle XML question banks."""
