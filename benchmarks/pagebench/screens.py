"""The screens the page benchmark loads, for each role, with what shows each one's content."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.pagebench.seeding import Seeded


@dataclass
class Screen:
    name: str
    role: str  # "public", "learner" or "teacher"
    path: str
    content: str  # CSS selector of what shows the screen's main content
    charts: int = 0  # how many charts the screen draws with the seeded data


# The screens both signed-in roles have: their path and what shows their content.
SIGNED_IN = {
    "accueil": ("/", "main .stack > .card h2"),
    "tableau de bord": ("/tableau-de-bord", ".dimension-card"),
    "mes groupes": ("/groupes", ".group-row"),
    "profil": ("/profil", "main .group-list .group-row"),
}


def _signed_in(name: str, role: str, charts: int = 0) -> Screen:
    return Screen(name, role, *SIGNED_IN[name], charts=charts)


def screens(seeded: Seeded) -> list[Screen]:
    group = f"/groupes/{seeded.group_id}"
    return [
        Screen("accueil", "public", "/", "main h1"),
        Screen("connexion", "public", "/login", "main form"),
        Screen("inscription enseignant", "public", "/users/signup/2", "main form"),
        Screen("inscription apprenant", "public", "/users/signup/3", "main form"),
        Screen("conditions", "public", "/conditions", "main h1"),
        Screen("mot de passe oublié", "public", "/mot-de-passe-oublie", "main form"),
        Screen("nouveau mot de passe", "public", "/mot-de-passe-oublie/nouveau", "main h1"),
        _signed_in("accueil", "learner"),
        _signed_in("tableau de bord", "learner", charts=2),
        Screen("positionnement", "learner", "/positionnement", "legend.question"),
        Screen("activer", "learner", "/activer", ".activity-list > *"),
        _signed_in("mes groupes", "learner"),
        _signed_in("profil", "learner"),
        _signed_in("accueil", "teacher"),
        _signed_in("mes groupes", "teacher"),
        Screen("groupe", "teacher", group, "main table tbody tr", charts=1),
        Screen("dimension du groupe", "teacher", f"{group}/dimensions/1", ".level-group", charts=2),
        Screen("apprenant du groupe", "teacher", f"{group}/apprenants/{seeded.member_id}", "main table tbody tr",
               charts=1),
        _signed_in("tableau de bord", "teacher"),
        _signed_in("profil", "teacher"),
    ]
