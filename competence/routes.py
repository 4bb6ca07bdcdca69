"""Every path of the app, in one place: pages declare theirs with @page, links and
redirects build theirs here. The paths are the guide's (/users/signup/2 …)."""

from __future__ import annotations

from urllib.parse import urlencode

HOME = "/"
LOGIN = "/login"
TEACHER_SIGNUP = "/users/signup/2"
LEARNER_SIGNUP = "/users/signup/3"
PROFILE = "/profil"
MY_GROUPS = "/groupes"
MANAGE_GROUP = "/groupes/[group_id]"
GROUP_DIMENSION = "/groupes/[group_id]/dimensions/[dimension]"
GROUP_LEARNER = "/groupes/[group_id]/apprenants/[member_id]"
DASHBOARD = "/tableau-de-bord"
ACTIVATE = "/activer"
ASSESSMENT = "/positionnement"
TERMS = "/conditions"
ACCESSIBILITY = "/accessibilite"
FORGOT_PASSWORD = "/mot-de-passe-oublie"
NEW_PASSWORD = "/mot-de-passe-oublie/nouveau"  # ?jeton=… from the emailed link
NOT_FOUND = "404"  # Reflex's name for the page of any address that is no page


def with_notice(path: str, notice: str, **query: str) -> str:
    """A path with « ?avis=… » (why the person lands there) and any other query values."""
    return f"{path}?{urlencode({'avis': notice, **query}, safe='/')}"


def login_then(path: str) -> str:
    """The login page, returning to `path` once signed in."""
    return with_notice(LOGIN, "connexion", next=safe_next(path))


def safe_next(path: str) -> str:
    """Only a local path may follow a login (no open redirect to another site), and one a URL
    can carry (a path sent with a lone surrogate cannot be encoded)."""
    local = path.startswith("/") and not path.startswith("//") and "\\" not in path
    return path if local and path.isprintable() else HOME


def activate_dimension(dimension: int) -> str:
    """« Activer », that dimension's activities first (the link under a test's result)."""
    return f"{ACTIVATE}?dimension={dimension}"


def group(group_id: int | str) -> str:
    return f"{MY_GROUPS}/{group_id}"


def group_dimension(group_id: int | str, dimension: int | str) -> str:
    return f"{group(group_id)}/dimensions/{dimension}"


def group_learner(group_id: int | str, member_id: int | str) -> str:
    return f"{group(group_id)}/apprenants/{member_id}"


def whole_number(text: str) -> int | None:
    """A number a client wrote (an id, a choice): ASCII digits that fit a database column,
    else None. str.isdigit alone lets through "²" (int() refuses it) and 10**20 (SQLite does)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def client_number(value) -> int | None:
    """A number a client sent as an event argument, as a number or as its text (see whole_number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**18 else None
    return whole_number(value) if isinstance(value, str) else None


def path_number(path: str, index: int) -> int:
    """The number at `index` among a path's segments (/groupes/12/apprenants/7), or 0.
    Anyone can type a URL: these are requests, never rights; the domain decides."""
    parts = [part for part in path.split("/") if part]
    return (whole_number(parts[index]) if index < len(parts) else None) or 0
