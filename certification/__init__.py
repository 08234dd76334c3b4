"""Certification: the teacher registry (`teachers`), the certificates of schools
(`certificates`), sanctions and objections (`sanctions`) and confidential cases (`cases`).
The public registers built on them are the `registry` package, above this one.

Sub-floors, lowest first (a sub-package imports only those below it): teachers <
certificates < sanctions < cases; due_process.py and stored_files.py are shared helpers
(stored_files reads the teachers' files). Upward questions go through the events in
`teachers/signals.py` and `certificates/signals.py`.
"""
