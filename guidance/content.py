"""The step plans' text format, the shipped defaults and the contacts they point to.

A page body is plain text an editor can write without HTML:

    ## A heading
    A paragraph; lines that follow belong to it.

    - a list item
    1. a numbered step

`[[key]]` puts in a contact from the contact list (its name as a link to its site, its phone
number as a `tel:` link), so a number lives in one place; `[[key|words]]` links other words.
Besides the contacts, `register` (the school register), `wegwijzer` (the guided helper) and
the audiences (`kinderen`, `ouders`, ...) can be linked. Everything else is escaped.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from flask import url_for
from markupsafe import Markup, escape

from guidance.models import Audience

CONTENT = Path(__file__).parent / "content"
_LINK = re.compile(r"\[\[([\w-]+)(?:\|([^\]\n]*))?\]\]")
_NUMBERED = re.compile(r"^\d+\.\s+")
LANGUAGES = ("nl", "en")
_TAGS = {"h2": Markup("<h2>{}</h2>"), "p": Markup("<p>{}</p>"),
         "ul": Markup("<ul>{}</ul>"), "ol": Markup("<ol>{}</ol>")}


@dataclass(frozen=True)
class Contact:
    key: str
    name: dict
    purpose: dict
    phone: str = ""
    url: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"[^\d+]", "", self.phone)


@dataclass(frozen=True)
class PageText:
    """One language-pair of a page: the shipped default (number 0) or a published version."""

    title: dict
    body: dict
    number: int = 0


@cache
def shipped_contacts() -> dict[str, Contact]:
    rows = yaml.safe_load((CONTENT / "contacts.yaml").read_text(encoding="utf-8"))
    return {str(row["key"]): Contact(str(row["key"]), row["name"], row["purpose"], str(row.get("phone") or ""),
                                     row.get("url") or "") for row in rows}


@cache
def shipped_page(audience: Audience) -> PageText:
    data = yaml.safe_load((CONTENT / f"{audience.value}.yaml").read_text(encoding="utf-8"))
    return PageText({k: v.strip() for k, v in data["title"].items()}, {k: v.strip() for k, v in data["body"].items()})


def _internal_links(language: str) -> dict[str, tuple[str, str]]:
    names = {"register": {"nl": "het register", "en": "the register"},
             "wegwijzer": {"nl": "de wegwijzer", "en": "the guide"}}
    links = {"register": (url_for("certification.schools"), names["register"][language]),
             "wegwijzer": (url_for("guidance.helper"), names["wegwijzer"][language])}
    for audience in Audience:
        links[audience.value] = (url_for("guidance.page", audience=audience.value),
                                 shipped_page(audience).title[language])
    return links


def _contact_markup(contact: Contact, label: str | None, language: str) -> Markup:
    """A contact as links: its name to its site and its number to the phone; with `label`,
    those words to its site (or phone)."""
    name = contact.name[language]
    if label:
        return Markup('<a href="{}">{}</a>').format(contact.url or contact.tel, label)
    tel = Markup('<a href="{}" class="tel">{}</a>').format(contact.tel, contact.phone) if contact.phone else None
    if contact.url:
        site = Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(contact.url, name)
        return Markup("{}, {}").format(site, tel) if tel else site
    if tel is None:
        return escape(name)
    return tel if contact.phone == name else Markup("{} {}").format(name, tel)


def _inline(text: str, contacts: dict[str, Contact], language: str, links: dict) -> Markup:
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(escape(text[last:match.start()]))
        key, label = match.group(1), match.group(2)
        if key in contacts:
            out.append(_contact_markup(contacts[key], label, language))
        elif key in links:
            href, name = links[key]
            out.append(Markup('<a href="{}">{}</a>').format(href, label or name))
        else:
            out.append(escape(match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def blocks(body: str) -> list[tuple[str, list[str]]]:
    """The body as (kind, lines) blocks: "h2", "ul", "ol" or "p"."""
    result = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            result.append(("h2", [lines[0][3:].strip()]))
            lines = lines[1:]
            if not lines:
                continue
        if all(line.startswith("- ") for line in lines):
            result.append(("ul", [line[2:].strip() for line in lines]))
        elif all(_NUMBERED.match(line) for line in lines):
            result.append(("ol", [_NUMBERED.sub("", line) for line in lines]))
        else:
            result.append(("p", [" ".join(lines)]))
    return result


def render(body: str, contacts: dict[str, Contact], language: str) -> Markup:
    links = _internal_links(language)
    html = []
    for kind, lines in blocks(body):
        items = [_inline(line, contacts, language, links) for line in lines]
        if kind in ("ul", "ol"):
            inner = Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
            html.append(_TAGS[kind].format(inner))
        else:
            html.append(_TAGS[kind].format(items[0]))
    return Markup("\n").join(html)


def plain_text(body: str, contacts: dict[str, Contact], language: str) -> str:
    """The words a reader reads, one sentence-ending line per heading and list item, for the
    readability check."""

    def words_for(match):
        key, label = match.group(1), match.group(2)
        if label:
            return label
        contact = contacts.get(key)
        return contact.name[language] if contact else key

    lines = []
    for _kind, block_lines in blocks(body):
        lines.extend(_LINK.sub(words_for, line) for line in block_lines)
    return "\n".join(lines)


def unknown_links(body: str, contacts: dict[str, Contact]) -> list[str]:
    known = {*contacts, "register", "wegwijzer", *(audience.value for audience in Audience)}
    return sorted({match.group(1) for match in _LINK.finditer(body)} - known)
