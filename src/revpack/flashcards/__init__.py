"""Flashcards: the notes a source gives, whatever app they are written for."""
