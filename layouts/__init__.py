"""The standard layouts, installed with the package as revpack.standard_layouts."""
