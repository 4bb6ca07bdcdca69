"""Dates read right in every month and language, and no e2e pattern trips on accented letters."""

import ast
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from competence.i18n import CATALOGUE, format_date

E2E = Path(__file__).resolve().parent.parent / "e2e"
EXPECTED = {
    "fr": ["15 janvier 2026", "15 février 2026", "15 mars 2026", "15 avril 2026", "15 mai 2026", "15 juin 2026",
           "15 juillet 2026", "15 août 2026", "15 septembre 2026", "15 octobre 2026", "15 novembre 2026",
           "15 décembre 2026"],
    "en": ["January 15, 2026", "February 15, 2026", "March 15, 2026", "April 15, 2026", "May 15, 2026",
           "June 15, 2026", "July 15, 2026", "August 15, 2026", "September 15, 2026", "October 15, 2026",
           "November 15, 2026", "December 15, 2026"],
}


@pytest.mark.parametrize("language", sorted(CATALOGUE))
def test_every_month_has_its_name_in_every_language(language):
    shown = [format_date(datetime(2026, month, 15, 17, 0, tzinfo=timezone.utc), language) for month in range(1, 13)]
    assert shown == EXPECTED[language]


def test_a_date_is_read_in_quebec_time():
    # 2 a.m. UTC on 1 December is still 30 November in Montréal.
    assert format_date(datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)) == "30 novembre 2026"


# In the browser, \w and \b know only ASCII letters, and [a-z] skips « é ».
_ASCII_ONLY = re.compile(r"\\[wWbB]|\[[^\]]*[a-z]-[a-z]")


def _patterns(tree: ast.AST):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            first = node.args[0]
            parts = first.values if isinstance(first, ast.JoinedStr) else [first]
            yield node.lineno, "".join(p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str))


def test_no_e2e_pattern_relies_on_ascii_only_classes():
    found = [
        f"{path.name}:{line}: {pattern}"
        for path in sorted(E2E.glob("*.py"))
        for line, pattern in _patterns(ast.parse(path.read_text(encoding="utf-8")))
        if _ASCII_ONLY.search(pattern)
    ]
    assert found == []


def test_the_pattern_check_catches_an_ascii_only_class():
    tree = ast.parse('import re\nre.compile(r"\\d{1,2} \\w+ 20\\d\\d")\nre.compile(rf"^{x}[a-z]+$")')
    assert [_ASCII_ONLY.search(pattern) is not None for _, pattern in _patterns(tree)] == [True, True]
