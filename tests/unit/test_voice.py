"""One voice per reader (product decision, December 2026): learners are addressed with « tu »,
teachers with « vous », everywhere each is the reader. A key both read has two variants
(`key.tu`, `key.vous`; the role picks one); a key on a screen only one audience reads speaks
to that audience; every other key (public pages, shared labels) addresses nobody. And one
typographic convention (OQLF, Québec usage) in the catalogue, as in the content."""

import re

import pytest

from competence.i18n import CATALOGUE

FRENCH = CATALOGUE["fr"]
TU = re.compile(r"\b(tu|te|toi|ton|ta|tes)\b|\bt'|-(toi|tu)\b", re.IGNORECASE)
VOUS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)
# Screens only learners read (« tu ») and screens only teachers read (« vous »).
LEARNER_ONLY = ("activate.", "accommodation.", "consents.", "profile.must_change", "signup.other_learner",
                "signup.learner_", "error.age_required", "error.guardian_required", "home.learner_",
                "terms.minors_child", "field.guardian_help")
TEACHER_ONLY = ("group.", "portrait.", "export.", "groups.managed_", "groups.create", "groups.manage",
                "signup.other_teacher", "signup.teacher_", "error.group_", "error.reset_not_a_learner", "home.teacher_",
                "profile.delete_text_groups", "error.delete_not_confirmed")


def audience(key: str) -> str:
    if key.endswith((".tu", "_learner")) or key.startswith(LEARNER_ONLY):
        return "learner"
    if key.endswith((".vous", "_teacher")) or key.startswith(TEACHER_ONLY):
        return "teacher"
    return "anyone"


def misaddressed(key: str, text: str) -> str | None:
    speaks = audience(key)
    if speaks != "teacher" and VOUS.search(text):
        return f"{key} ({speaks}): « {VOUS.search(text).group(0)} »"
    if speaks != "learner" and TU.search(text):
        return f"{key} ({speaks}): « {TU.search(text).group(0)} »"
    return None


def test_every_key_addresses_its_reader_in_their_voice():
    found = [problem for key, text in FRENCH.items() if (problem := misaddressed(key, text))]
    assert found == [], "\n".join(found)


def test_the_voice_check_catches_a_wrong_address():
    assert misaddressed("test.done_level", "Votre niveau") and misaddressed("group.renamed", "Ton groupe")
    assert misaddressed("nav.home", "Ta page") and not misaddressed("nav.home", "Accueil")


@pytest.mark.parametrize("language", sorted(CATALOGUE))
def test_one_typographic_convention(language):
    spaced = r"\s[?!;]" if language == "fr" else r"\s[?!;:]"
    found = [key for key, text in CATALOGUE[language].items() if re.search(spaced, text)]
    assert found == []
