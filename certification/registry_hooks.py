"""Where the teacher registry asks the certificates about schools.

A school counts as certified (listed beside its teachers, its city searchable) while it
holds a certificate that is active or suspended and still within its validity; not once
the certificate is revoked or expired. The rule lives in
`certification.certificates.registry.listed_school_ids`; the teacher registry calls these
two functions (keep their names and signatures).
"""


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
