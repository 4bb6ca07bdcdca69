"""The Conditions d'utilisation, in the project's own words (catalogue keys terms.*)."""

import reflex as rx

from competence.components.text import tr

PRIVACY_ANCHOR = "confidentialite"  # the footer's « Confidentialité » link lands here
_ANCHORS = {"terms.confidentiality_title": PRIVACY_ANCHOR}
_SECTIONS = (
    ("terms.data_title", ("terms.data_identity", "terms.data_usage")),
    ("terms.purposes_title", ("terms.purposes",)),
    ("terms.confidentiality_title", ("terms.confidentiality",)),
    ("terms.retention_title", ("terms.retention",)),
    ("terms.minors_title", ("terms.minors",)),
)


def terms_text(heading_level: str = "h3", anchors: bool = False) -> rx.Component:
    """The terms; with `anchors`, the sections other pages link to carry their id."""
    heading = getattr(rx.el, heading_level)

    def title_of(key: str) -> rx.Component:
        return heading(tr(key), id=_ANCHORS[key]) if anchors and key in _ANCHORS else heading(tr(key))

    return rx.el.div(
        rx.el.p(tr("terms.intro")),
        *[
            rx.fragment(title_of(title), *[rx.el.p(tr(paragraph)) for paragraph in paragraphs])
            for title, paragraphs in _SECTIONS
        ],
        class_name="terms-text",
    )


def terms_box() -> rx.Component:
    """The scrollable terms inside a signup form; focusable so a keyboard can scroll it."""
    return rx.el.section(
        rx.el.h2(tr("terms.title"), id="terms-title", class_name="terms-title"),
        terms_text(),
        class_name="terms-box",
        tab_index=0,
        aria_labelledby="terms-title",
    )
