"""Typed options of each renderer, read from a layout's `options:` mapping.

Each module holds `SPEC` (a spec.Record, used to validate and to document the keys) and
`Options` (a frozen dataclass whose defaults apply to keys a layout leaves out).
"""

RENDERERS = {
    "summary-pdf": "revpack.options.summary",
    "worksheet-docx": "revpack.options.worksheet",
    "factor-chart-pdf": "revpack.options.chart",
}
"""Renderer name → the module with its options."""
