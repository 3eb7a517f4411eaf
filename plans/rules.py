"""Who may do what with the yearly plan, its tasks, the wards' reports and the cluster briefings.

A task answers to one district unit or one ward: the unit's people (the
district staff whose account belongs to that unit) or the ward's officer and
chairman report on it, nobody else — the steering committee reads. A ward's
report is the ward's until it is sent: the district sees it only then.
"""

import rules

from wards.rules import (
    belongs_to_ward,
    is_district_approver,
    is_district_side,
    is_district_staff,
    is_steering_member,
    is_system_admin,
    is_ward_chairman,
    is_ward_officer,
)


@rules.predicate
def works_in_task_unit(user, task) -> bool:
    return task is not None and task.unit_id is not None and user.unit_id == task.unit_id


@rules.predicate
def works_in_task_ward(user, task) -> bool:
    return task is not None and task.ward_id is not None and belongs_to_ward.test(user, task.ward)


@rules.predicate
def works_in_report_ward(user, report) -> bool:
    return report is not None and belongs_to_ward.test(user, report.ward)


@rules.predicate
def report_was_sent(user, report) -> bool:
    return report is not None and report.state != "draft"


ward_people = is_ward_officer | is_ward_chairman

rules.add_perm("plans.view_plan", rules.is_authenticated)
rules.add_perm("plans.manage_plan", is_system_admin | is_district_staff)
rules.add_perm(
    "plans.report_task", (is_district_side & works_in_task_unit) | (ward_people & works_in_task_ward)
)
rules.add_perm("plans.view_ward_reports", is_district_side)
rules.add_perm(
    "plans.view_ward_report", (ward_people & works_in_report_ward) | (is_district_side & report_was_sent)
)
rules.add_perm("plans.edit_ward_report", is_ward_officer & works_in_report_ward)
rules.add_perm("plans.submit_ward_report", ward_people & works_in_report_ward)
rules.add_perm("plans.acknowledge_ward_report", is_district_staff)
rules.add_perm("plans.compile_district_report", is_district_staff | is_district_approver | is_steering_member)
rules.add_perm("plans.manage_briefings", is_system_admin | is_district_staff)
rules.add_perm("plans.undo_transition", is_system_admin)

# The cluster briefings' pages: the district side and the wards' people read them.
rules.add_perm("plans.view_briefings", is_district_side | ward_people)

# The steering committee's dashboards: the district side reads the district's; a ward's people read their
# own ward's page of them (its scores, its years), never another ward's.
rules.add_perm("plans.view_dashboards", is_district_side)
rules.add_perm("plans.view_ward_dashboard", is_district_side | (ward_people & belongs_to_ward))

# News items and good examples: district staff write and publish them; the system administrator also reads
# every item (to undo a step). The public reads published items without logging in.
rules.add_perm("plans.manage_news", is_district_staff)
rules.add_perm("plans.view_news_drafts", is_district_staff | is_system_admin)
