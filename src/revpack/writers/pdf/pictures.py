"""A factor's or section's picture in a PDF: scaled to the width it is given, never
taller than a cap, embedded as its own file (a JPEG as it is, a PNG losslessly)."""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from revpack.model import Image


class Picture(Flowable):  # type: ignore[misc]  # reportlab has no types
    """A picture as wide as the column, at most `cap` points tall (narrower then)."""

    def __init__(self, image: Image, cap: float):
        super().__init__()
        self.image, self.cap = image, cap
        self.draw_width = self.draw_height = self.given = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        ratio = self.image.height / self.image.width
        width = min(available_width, self.image.natural_width)  # (never beyond its own size)
        height = width * ratio
        if height > self.cap:
            height, width = self.cap, self.cap / ratio
        self.draw_width, self.draw_height = width, height
        self.given = available_width
        return available_width, height

    def draw(self) -> None:
        reader = ImageReader(io.BytesIO(self.image.data))
        # Centred in the width given; transparency kept.
        x = (self.given - self.draw_width) / 2
        self.canv.drawImage(reader, x, 0, self.draw_width, self.draw_height, mask="auto")
