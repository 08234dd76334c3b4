"""Certification: the teacher registry (`certification.teachers`) and, beside it, the
certificates of schools (`certification.certificates`, a later issue). `blueprint.bp` is the
public registry that both hang their pages on."""
