"""Where the teacher registry asks the certificates about schools.

A school counts as certified (listed beside its teachers, its city searchable) while it
holds a certificate that is active or suspended and still within its validity; not once
the certificate is revoked or expired. The rule lives in
`certification.certificates.registry.listed_school_ids`; the teacher registry calls these
two functions (keep their names and signatures). The school's pages call `school_changed`
when what the registers show of a school changes.
"""


def school_changed(school_id: int) -> None:
    """The school's name, city, genres or locations changed (in the caller's transaction):
    its entry in the school register and its teachers' entries follow."""
    from certification.certificates.services.common import refresh_registers

    refresh_registers(school_id)


def school_is_publicly_listed(school) -> bool:
    """True when `school` holds a certificate that the public registry shows (active or
    suspended, not revoked or expired)."""
    from certification.certificates.registry import listed_school_ids

    return school.id in listed_school_ids([school.id])


def publicly_listed_school_ids(school_ids) -> set[int]:
    """The ids among `school_ids` of schools that `school_is_publicly_listed()` would accept,
    in one query (the search index asks for thousands at once)."""
    from certification.certificates.registry import listed_school_ids

    return listed_school_ids(school_ids)
