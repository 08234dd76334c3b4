"""The teacher registry's services: each checks state and raises RegistryError, changes
rows, writes the audit event, queues mail and commits.

Split by subject; import from here: `from certification.teachers import services`.
"""

from certification.teachers.errors import InvalidRegistrationNumber, RegistryError  # noqa: F401
from certification.teachers.services.admin import FILE_KINDS, find_teachers, record_file, teacher_with_records  # noqa: F401
from certification.teachers.services.common import (  # noqa: F401
    Upload,
    current_code_version,
    current_rules,
    refresh_status,
    status_report,
    teacher_for_user,
)
from certification.teachers.services.employment import (  # noqa: F401
    SchoolTeacher,
    end_employment,
    find_by_number,
    is_teacher_criterion,
    link_teacher,
    public_schools_for,
    teachers_for_school,
)
from certification.teachers.services.lifecycle import (  # noqa: F401
    DailyReport,
    refresh_statuses,
    run_daily,
)
from certification.teachers.services.public import (  # noqa: F401
    PublicEntry,
    find_public_teacher,
    public_entry,
)
from certification.teachers.services.records import (  # noqa: F401
    add_activity,
    add_qualification,
    add_vog,
    catalogue,
    category_label,
    check_vog,
    list_code_versions,
    log_cpd,
    pending_count,
    publish_code_version,
    registrations_to_refresh,
    retire_activity,
    review_cpd,
    review_qualification,
    review_queue,
    sign_code,
)
from certification.teachers.services.registration import (  # noqa: F401
    Invitation,
    TeacherDetails,
    confirm_invitation,
    find_teacher_by_email,
    invite_teacher,
    new_registration_number,
    register_teacher,
    teacher_from_token,
    update_details,
)
from core.dates import today  # noqa: F401  (services.today(): the demo and the tests read the date here)
