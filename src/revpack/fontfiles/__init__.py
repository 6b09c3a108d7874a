"""The fonts revpack embeds (DejaVu Sans; see LICENSE-DejaVu.txt)."""
