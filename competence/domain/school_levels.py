"""The fixed list of school levels (Niveau scolaire) and the audience each belongs to."""

from __future__ import annotations

# Ordered as a person reads the list; values are stable keys stored in the database.
SCHOOL_LEVELS: tuple[str, ...] = (
    "prescolaire",
    "primaire_1",
    "primaire_2",
    "primaire_3",
    "secondaire_1",
    "secondaire_2",
    "formation_professionnelle",
    "education_adultes",
    "collegial",
    "universitaire",
)

# Which part of the question bank suits each level (used by the positioning test).
AUDIENCE: dict[str, str] = {
    "prescolaire": "primaire",
    "primaire_1": "primaire",
    "primaire_2": "primaire",
    "primaire_3": "primaire",
    "secondaire_1": "secondaire",
    "secondaire_2": "secondaire",
    "formation_professionnelle": "adultes",
    "education_adultes": "adultes",
    "collegial": "adultes",
    "universitaire": "adultes",
}


def audience_for(school_level: str, role: str) -> str:
    """Teachers answer the adults' questions whatever level they teach."""
    return "adultes" if role == "teacher" else AUDIENCE[school_level]
