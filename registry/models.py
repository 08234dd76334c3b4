"""The public registers' own tables: one search row per teacher and per school in the
register, derived from certification's tables and kept current by `registry.indexes`.
Each has a full-text index (`registry.search.fulltext`): an FTS5 table on SQLite, a term
table under a b-tree on PostgreSQL; both kept in step by triggers."""

from sqlalchemy import BigInteger, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

import certification.certificates.models  # noqa: F401  (the certificate table, for the foreign keys)
import certification.teachers.models  # noqa: F401  (the teacher table, for the foreign keys)
from core.extensions import db
from registry.search.fulltext import FullTextIndex


class TeacherSearch(db.Model):
    """One row per teacher in the public registry: the normalised words the search matches
    (names, number, cities of listed schools, genres, status), under a key that sorts by
    name. `registry.search.teachers.create_search_index()` adds the full-text index (FTS5 on SQLite, a b-tree
    term table on PostgreSQL) whenever this table is created."""

    __tablename__ = "teacher_search"

    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True)
    sort_key: Mapped[int] = mapped_column(BigInteger, unique=True)
    document: Mapped[str] = mapped_column(Text)


# The full-text index (an FTS5 table on SQLite, a term table on PostgreSQL), made whenever
# this table is created and dropped with it; migrations leave it alone (app._include_in_migrations).
TEACHER_SEARCH_INDEX = FullTextIndex("teacher_search")
TEACHER_SEARCH_INDEX.attach(TeacherSearch.__table__)


class SchoolSearch(db.Model):
    """One row per school in the public register (a school that has had a certificate): its
    newest certificate, the normalised words the search matches (name, certificate number,
    cities of the school and its locations, genres, and markers `xc<city>` and `xg<genre>`
    for the filters), and a key in the register's order (by name). Kept current by
    `registry.search.schools`; SCHOOL_SEARCH_INDEX adds the full-text index."""

    __tablename__ = "school_search"

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id", ondelete="CASCADE"))
    sort_name: Mapped[str] = mapped_column(Text)
    sort_key: Mapped[int] = mapped_column(BigInteger, unique=True)
    document: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_school_search_order", "sort_name", "school_id"),)


SCHOOL_SEARCH_INDEX = FullTextIndex("school_search")
SCHOOL_SEARCH_INDEX.attach(SchoolSearch.__table__)
