"""Plain-text exports."""
