"""Dates as students type them (revpack.writers.typed_dates): one day, month or year
whether written in figures or words, in the sheet's language or English."""

from __future__ import annotations

import pytest

from revpack.labels import load_labels
from revpack.writers.html.secret import normalise
from revpack.writers.keyboard import typing
from revpack.writers.typed_dates import day_of, typed_days

READ = [
    ("de", "9.11.1918", "1918-11-09"),
    ("de", "09.11.1918", "1918-11-09"),
    ("de", "9. 11. 1918", "1918-11-09"),
    ("de", "am 9. Nov. 1918", "1918-11-09"),
    ("de", "13. März 1920", "1920-03-13"),
    ("de", "Maerz 1920", "1920-03"),  # (ä as ae, as the spellings say)
    ("de", "Okt. 1929", "1929-10"),
    ("en", "November 9th, 1918", "1918-11-09"),
    ("en", "the 9th of November 1918", "1918-11-09"),
    ("en", "11/1918", "1918-11"),
    ("en", "1918-11-09", "1918-11-09"),
    ("fr", "1er juillet 1916", "1916-07-01"),
    ("fr", "juil. 1789", "1789-07"),
    ("es", "18 de julio de 1936", "1936-07-18"),
    ("es", "1.o de abril de 1939", "1939-04-01"),  # ('1.º', folded)
    ("de", "30. jänner 1933", "1933-01-30"),  # (Austria's January)
    ("cy", "1af Mawrth 1953", "1953-03-01"),
    # (a Welsh month mutates after 'o': 'o Fai', 'o Dachwedd')
    ("cy", "13 o Fai 1839", "1839-05-13"),
    ("cy", "4 o Dachwedd 1839", "1839-11-04"),
    ("cy", "1af o Fawrth 1953", "1953-03-01"),
    ("en", "29/2/2000", "2000-02-29"),
    # No date: a day that does not exist, a month two names begin with ('jui': juin or
    # juillet), a two-figure year, a range, a word that is no part of a date, a year alone
    # (marked as the text it is), and numbers: '1,500' was January of the year 500, and
    # so right for the answer '500'.
    ("en", "29/2/1900", None),
    ("en", "31 November 1918", None),
    ("fr", "jui 1920", None),
    ("en", "9.11.18", None),
    ("en", "1955-1962", None),
    ("en", "55 BC", None),
    ("en", "not 1918", None),
    ("en", "", None),
    ("en", "1066", None),
    ("en", "1,500", None),
    ("de", "1.250", None),
    ("en", "12,500", None),
    ("fr", "1 100", None),
    ("en", "9-750", None),
    ("en", "January 500", None),
    ("en", "9999-12-31", None),
    ("en", "3000 1 2", None),
]


@pytest.mark.parametrize(("language", "text", "day"), READ)
def test_a_typed_date_names_its_day_month_or_year(language, text, day):
    assert day_of(normalise(text), typing(load_labels(language)).calendar) == day


def test_what_is_typed_is_also_its_month_and_year_never_the_other_way():
    calendar = typing(load_labels("en")).calendar
    assert typed_days("24 october 1929", calendar) == ["1929-10-24", "1929-10"]
    assert typed_days("1929", calendar) == []
    assert typed_days("the thaw", calendar) == []
