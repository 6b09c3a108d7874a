"""The commented starting point that `revpack new TITLE` writes.

Every part of the format appears once, with a comment saying what it is for, and the file
is a valid source as it stands: it passes `revpack check` and builds with every standard
layout, so a teacher can build it first and then replace the example text bit by bit.
"""

from __future__ import annotations

import shlex

from revpack.authoring import yamlout

_BODY = """\
# The notes' language (en-GB unless you say): the sheets' fixed words, dates and
# hyphenation follow it. Built in: en-GB, fr, de, es, cy.
language: en-GB
# subject: History            # optional: remove the # and fill in
# course: Year 11 History     # optional
question: What is the key question these notes answer?

# Optional: one paragraph that sets the scene (">-" lets it run over several lines).
intro: >-
  Replace this with a short introduction. Mark the words students must learn as
  ==key terms==: they are highlighted on the summary sheet and the chart, and become the
  numbered gaps of the worksheet.

# Factors: the answers to the question, one block each (the spokes of the factor chart,
# up to 12). A title must be unique; a factor needs at least one point.
factors:
  - title: First factor
    points:
      - Replace this with a point about the first factor and its ==first key term==.
      - text: A point can have sub-points (one level).
        points:
          - a sub-point
          - another sub-point
    # Optional: titles of related factors, drawn as dashed lines on the chart.
    links: [Second factor]

  - title: Second factor
    points:
      - Replace this with a point about the second factor and its ==second key term==.

  - title: Third factor
    points:
      - Replace this with a point about the third factor and its ==third key term==.

# Sections: further notes, in order (printed after the factors).
sections:
  - title: Further notes
    # Optional, on a factor or a section: a PNG or JPEG next to this file, with a
    # description for readers who cannot see it.
    # image: {file: diagrams/leaf.png, alt: "A leaf in cross-section, parts labelled"}
    points:
      - Replace this with notes that do not answer the question directly.

# The glossary: used for the terms box and the worksheet's matching exercise.
terms:
  - term: First key term
    meaning: What the first key term means.
  - term: Second key term
    meaning: What the second key term means.
  - term: Third key term
    meaning: What the third key term means.

# The timeline: dated events, earliest first. Quote a bare year, as in "1955".
timeline:
  - when: "1953"
    what: Replace this with the first event.
  - when: March 1955
    what: Replace this with the next event.
  - when: "1956"
    what: Replace this with a later event.
"""


def new_source(title: str, editor_comment: str = "", target: str = "FILE") -> str:
    """A commented source titled `title`; `editor_comment` is the schema line for editors."""
    head = editor_comment.splitlines() + [
        "# A new revpack source: replace the example text with your notes, keeping the shape",
        "# (two spaces of indentation; '- ' starts each point). Every value is text.",
        "# In any text: ==key term== (highlighted; a worksheet gap), **bold**, *italic*,",
        "# H~2~O (subscript), x^2^ (superscript).",
        "# Quote a text that starts with * [ { & ! | > % @ or ` or contains ': ' or ' #'.",
        f"# Check it:  revpack check {shlex.quote(target)}",
        f"# Build it:  revpack build {shlex.quote(target)}",
        "",
    ]
    return "\n".join(head + yamlout.key_value("title", title, 0)) + "\n" + _BODY
