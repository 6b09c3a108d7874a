"""Anki decks (.apkg), written with genanki."""
