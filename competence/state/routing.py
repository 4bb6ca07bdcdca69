"""Numbers read from the URL (/groupes/12/apprenants/7). Anyone can type a URL: these
are requests, never rights; the domain decides what the caller may see."""


def path_number(path: str, index: int) -> int:
    """The number at `index` among the path's segments, or 0 when there is none."""
    parts = [part for part in path.split("/") if part]
    return int(parts[index]) if index < len(parts) and parts[index].isdigit() else 0
