"""Reading the registers' query strings: the page numbers of both registers, one way."""

from core.i18n import lazy_text


def whole_number(args, name: str, default: int, maximum: int, error) -> int:
    """`name` from the query string as a whole number from 1 to `maximum`, or `default` when
    it is absent or blank; otherwise `error(message, field=name)` is raised, the message
    naming the parameter and the range."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise error(lazy_text("%(name)s moet een heel getal van 1 tot en met %(max)s zijn.", name=name, max=maximum),
                    field=name)
    return int(raw)
