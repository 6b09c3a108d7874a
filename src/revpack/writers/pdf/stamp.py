"""The time a PDF says it was made: the audience's printed date, never the clock or the
environment of the process that renders it.

reportlab stamps each document (its creation and modification dates, and the seed of
its ID) with SOURCE_DATE_EPOCH as the rendering process sees it. A document rendered by
a worker on another machine must not depend on that machine's environment, so the stamp
is set again from the date the job carries: midnight (UTC) of the printed date, as
DOCX files are stamped, or reportlab's fixed invariant date when none is printed.
"""

from __future__ import annotations

import time
from hashlib import md5

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from revpack.dates import moment
from revpack.model import Audience


def stamp(canvas: Canvas, audience: Audience) -> None:
    """Date `canvas`'s document (made with invariant=1) from `audience` alone."""
    seconds = _seconds(audience.date)
    fixed = TimeStamp.__new__(TimeStamp)
    fixed.t, fixed.lt = seconds, time.gmtime(seconds)
    fixed.YMDhms = tuple(fixed.lt)[:6]
    fixed.dhh = fixed.dmm = 0
    fixed.tzname = "UTC"
    document = canvas._doc
    document._timeStamp = fixed
    # As reportlab seeds the document's ID from its stamp when it makes the document.
    document.signature = md5(usedforsecurity=False)
    document.signature.update(b"a reportlab document")
    document.signature.update(ascii(seconds).encode("ascii"))


def _seconds(date: str | None) -> int:
    return int(moment(date).timestamp())
