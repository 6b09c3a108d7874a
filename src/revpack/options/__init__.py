"""Typed options of each kind of document, read from a layout's `options:` mapping.

Each module holds `SPEC` (a loading.spec.Record, used to validate and to document the keys)
and `Options` (a frozen dataclass whose defaults apply to keys a layout leaves out).
"""
