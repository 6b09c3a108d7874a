"""The PDF writers, drawn with reportlab. Importing them first defers a pattern reportlab
would compile as it is imported, for nothing (revpack.render.pdf.deferred)."""

from revpack.render.pdf.deferred import defer

defer()
