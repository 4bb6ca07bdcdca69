"""Catalogue strings whose {placeholders} are filled in the browser from state vars."""

from __future__ import annotations

from string import Formatter

import reflex as rx

from competence.i18n import t


def t_var(key: str, **values: rx.Var) -> rx.Var:
    """t(key) with each {name} replaced by the matching Var: « Quitter le groupe {name}? »."""
    template = t(key, **{name: "{" + name + "}" for name in values})
    result: rx.Var = rx.Var.create("")
    for literal, field, _spec, _conv in Formatter().parse(template):
        if literal:
            result = result + literal
        if field:
            result = result + values[field].to(str)
    return result
