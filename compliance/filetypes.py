"""Which kind of file an upload really is, judged by its content and never by its name.

PDF, JPEG and PNG are recognised by their first bytes. DOCX, XLSX and ODT are zip
archives: the archive is opened and its structure checked (the parts a word processor or
spreadsheet needs), with limits on the number of entries and the unpacked size so that a
zip bomb is refused before it is unpacked. Office files with macros are refused too.
"""

import io
import zipfile
from dataclasses import dataclass

from compliance.errors import ComplianceError
from core.i18n import lazy_text

MAX_ZIP_ENTRIES = 5000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extension: str


PDF = FileKind("pdf", "PDF", "application/pdf", "pdf")
JPEG = FileKind("jpeg", "JPEG", "image/jpeg", "jpg")
PNG = FileKind("png", "PNG", "image/png", "png")
DOCX = FileKind("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileKind("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
ODT = FileKind("odt", "ODT", "application/vnd.oasis.opendocument.text", "odt")
ALLOWED = (PDF, JPEG, PNG, DOCX, XLSX, ODT)
ACCEPT_ATTRIBUTE = ",".join(f".{kind.extension}" for kind in ALLOWED) + ",.jpeg," + ",".join(
    kind.content_type for kind in ALLOWED)


class UnsupportedFile(ComplianceError):
    pass


def _refuse(filename: str):
    return UnsupportedFile(lazy_text("‘%(name)s’ is geen PDF, JPEG, PNG, DOCX, XLSX of ODT. We kijken naar de inhoud "
                              "van het bestand, niet naar de naam. Sla het op als een van deze soorten en probeer "
                              "het opnieuw.", name=filename), field="files")


def detect(data: bytes, filename: str = "") -> FileKind:
    """The kind of an uploaded file; raises UnsupportedFile with a message for the user."""
    if not data:
        raise UnsupportedFile(lazy_text("‘%(name)s’ is leeg.", name=filename), field="files")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data, filename)
    raise _refuse(filename)


def _office_kind(data: bytes, filename: str) -> FileKind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnsupportedFile(lazy_text(
                "‘%(name)s’ is beschadigd of geen geldig document.", name=filename), field="files")
    with archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNPACKED_BYTES or (
                unpacked > 10 * 1024 * 1024 and unpacked > MAX_COMPRESSION_RATIO * len(data)):
            raise UnsupportedFile(lazy_text("‘%(name)s’ pakt uit tot een veel te groot bestand; dat nemen we niet aan.",
                                     name=filename), field="files")
        names = {entry.filename for entry in entries}
        if any(name.lower().endswith("vbaproject.bin") or name.lower().startswith("basic/") for name in names):
            raise UnsupportedFile(lazy_text(
                    "‘%(name)s’ bevat macro's. Sla het op zonder macro's (bijvoorbeeld als PDF) "
                                     "en probeer het opnieuw.", name=filename), field="files")
        try:
            kind = _kind_from_parts(archive, names)
            # Reading every entry checks its CRC: a truncated or altered archive is refused here.
            if kind is not None and archive.testzip() is not None:
                kind = None
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
            kind = None
    if kind is None:
        raise _refuse(filename)
    return kind


def _kind_from_parts(archive: zipfile.ZipFile, names: set[str]) -> FileKind | None:
    if "mimetype" in names:
        mimetype = archive.read("mimetype").strip()
        if mimetype == ODT.content_type.encode() and "content.xml" in names:
            return ODT
        return None
    if "[Content_Types].xml" not in names:
        return None
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types:
        return None
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in content_types:
        return DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in content_types:
        return XLSX
    return None
