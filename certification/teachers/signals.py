"""The teacher registry's domain events, for packages that must react without this one
importing them.

`registration_status_changed` is sent (sender: the Teacher, `old=` and `new=`
TeacherStatus) in the transaction that changes a registration's status, whatever the
cause: the daily lapse, an admin's sanction, a lifted sanction. Receivers work in that
transaction and do not commit.
"""

from blinker import Namespace

signals = Namespace()
registration_status_changed = signals.signal("teachers.registration-status-changed")
