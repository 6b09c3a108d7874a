"""The PDF writers, drawn with reportlab. Importing them first defers a pattern reportlab
would compile as it is imported, for nothing (revpack.writers.pdf.deferred)."""

from revpack.writers.pdf.deferred import defer

defer()
