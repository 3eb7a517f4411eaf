"""The permission matrix: URL name × persona × method → the answer the portal must give.

Each row is two strings of one letter per persona (GET, then POST with an
empty body), in the order of ``PERSONAS`` below:

    A  allowed: 2xx, or a redirect anywhere but the login page (a POST's form
       shown again with its errors, or a redirect with a message, count too)
    I  a POST whose form was refused with 400 (the person may try; the input was wrong)
    F  forbidden (403): the person sees the object but may not do this
    N  not found (404): hidden from who may not see it, or nothing there to act on
    L  sent to the login page
    M  method not allowed (405)

Rows are grouped by who gets in; a group is a constant, its URL names listed
under it. The objects each URL is asked about are in
``tests.permission_matrix_world`` (Phường 1 is the ward of ``ward_officer``,
``ward_chairman`` and ``center_director``; Phường 2 of ``other_ward_officer``).
"""

ALLOWED, INVALID, FORBIDDEN, NOT_FOUND, LOGIN, NOT_ALLOWED = "A", "I", "F", "N", "L", "M"

SKIPPED_NAMESPACES = {
    "admin": "Django's admin site: its own permission check (is_staff), its pages are Django's",
}
SKIPPED_NAMES = {
    "set_language": "Django's language switch: public by design, it only sets a cookie",
}
# No static or media URL patterns: WhiteNoise serves static files, private files go through views (tested here).

#           anonymous · ward officer · other ward's officer · ward chairman · centre director ·
#           education staff · Hội Khuyến học staff · inspector (team lead) · other inspector ·
#           district chairman · steering committee · administrator
PERSONAS = (
    "anonymous",
    "ward_officer",
    "other_ward_officer",
    "ward_chairman",
    "center_director",
    "education_staff",
    "promotion_staff",
    "inspector",
    "other_inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
)

PUBLIC = "AAAAAAAAAAAA"
SIGNED_IN = "LAAAAAAAAAAA"
DISTRICT_SIDE = "LFFFFAAAAAAA"
DISTRICT_STAFF = "LFFFFAAFFFFF"  # the education office and the Hội Khuyến học: they prepare and publish
STAFF_AND_ADMIN = "LFFFFAAFFFFA"
CATALOGUE_KEEPERS = "LFFFFAFFFFFA"  # the education office and the administrator
ADMIN_ONLY = "LFFFFFFFFFFA"
POST_ONLY = "LMMMMMMMMMMM"
# Phường 1's dossier (2018, in preparation): its ward and the district see it, the other ward and the
# centre (not a ward user) get a 404; only its officer edits it.
DOSSIER_READERS = "LANANAAAAAAA"
DOSSIER_EDITORS = "LANFNFFFFFFF"
# Phường 1's learning centre: its officer and director keep the activities.
ACTIVITY_KEEPERS = "LAFFAFFFFFFF"
# Names of people (register, learners): the ward's officer and chairman, the centre, the education office.
PERSONAL_DATA = "LAFAAAFFFFFF"
# A ward's own pages of the district's figures: the ward's officer and chairman, and the district side.
OWN_WARD_AND_DISTRICT = "LAFAFAAAAAAA"
TWO_FACTOR_USERS = "LFFAFFFFFAFA"  # the chairmen and the administrator sign in with a second factor


def same(row: str) -> tuple[str, str]:
    """A page that answers a POST as it answers a GET (a form shows its errors, a page ignores the body)."""
    return row, row


def post_only(post: str) -> tuple[str, str]:
    """An action: a GET is refused with 405 once signed in."""
    return POST_ONLY, post


def _rows(row: tuple[str, str], names: str) -> dict:
    return dict.fromkeys(names.split(), row)


EXPECTED: dict[str, tuple[str, str]] = {
    **_rows(
        same(PUBLIC),
        """
        login password_reset password_reset_confirm news:list news:detail
        assessments:public_index assessments:public_year assessments:public_ward assessments:public_summary
        assessments:public_summary_export assessments:public_document assessments:public_decision
    """,
    ),
    # Django's "done" pages answer GET only.
    **_rows((PUBLIC, "MMMMMMMMMMMM"), "password_reset_done password_reset_complete"),
    "password_change_done": (SIGNED_IN, POST_ONLY),
    "logout": (POST_ONLY, SIGNED_IN),
    # Every signed-in user: the registry, the yearly plan and its tasks (with their evidence), the centres'
    # pages (names of people only for those who may see them: tests/centers/test_*_privacy.py), one's inbox.
    # centers:list sends a ward's or centre's user to their own centre.
    **_rows(
        same(SIGNED_IN),
        """
        wards:home wards:list wards:detail password_change assessments:inbox assessments:notifications
        assessments:list centers:list centers:of_ward centers:detail centers:activity_list
        centers:activity_export centers:activity_detail centers:calendar centers:class_list_template
        plans:index plans:detail plans:timeline plans:task_list plans:task_export plans:document
        plans:progress_report plans:task_detail plans:task_progress plans:task_evidence_download
    """,
    ),
    **_rows(
        same(DISTRICT_SIDE),
        """
        wards:district_overview assessments:cycle_list assessments:decision_list
        centers:comparison_export centers:rating_list centers:rating_list_current
        plans:ward_reports_current plans:ward_reports_round
        dashboard:overview dashboard:overview_export dashboard:heatmap_latest dashboard:heatmap
        dashboard:heatmap_export dashboard:self_vs_inspection dashboard:self_vs_inspection_export
        dashboard:trends dashboard:trends_export
    """,
    ),
    # The proposal of the prepared 2017 decision: the district side only (the released decision is public).
    "assessments:decision_document": same(DISTRICT_SIDE),
    **_rows(
        same(DISTRICT_STAFF),
        """
        assessments:decision_create assessments:inspection_plan_create
        news:manage_create news:manage_edit news:manage_step
    """,
    ),
    **_rows(
        same(STAFF_AND_ADMIN),
        """
        assessments:cycle_create assessments:cycle_edit centers:create news:manage_list news:manage_detail
        plans:edit plans:copy plans:task_create plans:task_edit plans:briefing_record plans:emulation_texts
    """,
    ),
    "assessments:cycle_open": post_only(STAFF_AND_ADMIN),
    "centers:rating_start": post_only(DISTRICT_STAFF),
    **_rows(
        same(CATALOGUE_KEEPERS),
        """
        centers:settings centers:kind_list centers:kind_create centers:kind_edit centers:kind_delete
        centers:standard_list centers:standard_create centers:standard_edit
        centers:target_list centers:target_create centers:target_edit centers:rubric_list centers:rubric_edit
    """,
    ),
    **_rows(post_only(CATALOGUE_KEEPERS), "centers:kind_set_active centers:rubric_copy"),
    # The administrator's pages; the undo of a workflow step (with a reason) is the administrator's too.
    **_rows(
        same(ADMIN_ONLY),
        """
        wards:user_list wards:user_create wards:user_edit wards:calendar wards:merger_list wards:merger_create
        wards:lockout_list wards:lockout_unlock wards:sign_in_log
        assessments:framework_list assessments:framework_edit
        centers:calendar_undo plans:task_undo news:manage_undo
    """,
    ),
    **_rows(
        post_only(ADMIN_ONLY),
        "wards:user_password_reset wards:user_two_factor_reset assessments:framework_copy",
    ),
    # The audit trail is read-only: GET and HEAD only.
    **_rows((ADMIN_ONLY, POST_ONLY), "wards:audit wards:audit_object"),
    **_rows(
        same(TWO_FACTOR_USERS),
        "wards:two_factor_enrol wards:two_factor_verify wards:two_factor_recovery_codes",
    ),
    # Phường 1: its officer edits the ward's record; the district's staff and the administrator too.
    "wards:edit": same("LAFFFAAFFFFA"),
    # --- Phường 1's dossier of 2018 (in preparation) ---
    **_rows(
        same(DOSSIER_READERS),
        """
        assessments:detail assessments:document_pdf assessments:document_docx assessments:document_scan
        assessments:dossier_zip assessments:evidence_download assessments:scores_xlsx
    """,
    ),
    **_rows(
        same(DOSSIER_EDITORS),
        "assessments:criterion_edit assessments:document_edit assessments:scores_import",
    ),
    **_rows(
        post_only(DOSSIER_EDITORS),
        """
        assessments:carry_over assessments:attach_center_summary assessments:evidence_delete
    """,
    ),
    # The plan was approved: nobody edits it any more (the other ward and the centre: 404).
    "assessments:plan_edit": same("LFNFNFFFFFFF"),
    # "Send the dossier": the ward's officer or chairman; the district sees the dossier but may not send it.
    "assessments:transition": same("LANANFFFFFFF"),
    "assessments:undo": same("LFNFNFFFFFFA"),
    # Circular 25 only: a Circular 44 dossier asks for no level, for everybody a 404.
    "assessments:requested_level": same(DOSSIER_EDITORS),  # Phường 1's Circular 25 dossier
    # --- The district's work on the other wards (hidden from ward users: 404) ---
    # Phường 3's submitted dossier: receipt or return by the district's staff.
    **_rows(same("LNNNNAAFFFFF"), "assessments:receive assessments:return_for_supplement"),
    # Phường 2's receipt slip: its own officer and the district side.
    "assessments:receipt_slip": same("LNANNAAAAAAA"),
    # Phường 2's inspection, led by ``inspector``: the team scores; its ward sees the dossier (403), others 404.
    **_rows(same("LNFNNFFAFFFF"), "assessments:scoring assessments:score_criterion"),
    "assessments:close_inspection": post_only("LNFNNFFAFFFF"),
    # The scores of the team, gathered: the district side, not the ward while the inspection runs.
    "assessments:consolidation": same("LNNNNAAAAAAA"),
    # Inspection plans: staff, the approver, the administrator, and the inspectors on the team.
    **_rows(same("LNNNNAAANANA"), "assessments:inspection_plan_detail assessments:plan_document"),
    "assessments:inspection_plan_list": same("LFFFFAAAAAFA"),
    # The submitted plan of Phường 4: only the chairman decides; no longer editable by the staff.
    **_rows(
        post_only("LNNNNFFFNANF"), "assessments:inspection_plan_approve assessments:inspection_plan_return"
    ),
    "assessments:inspection_plan_edit": same("LNNNNFFFNFNF"),
    # Already sent: whoever sees the plan is sent back to it with a message saying so.
    "assessments:inspection_plan_submit": post_only("LNNNNAAANANA"),
    "assessments:inspection_plan_undo": same("LNNNNFFFNFNA"),
    # Decisions: the district side reads them; ward users get a 404.
    "assessments:decision_detail": same("LNNNNAAAAAAA"),
    "assessments:decision_approve": post_only("LNNNNFFFFAFF"),  # the prepared one: the chairman signs
    "assessments:decision_withdraw": post_only("LNNNNAAFFFFF"),  # the prepared one: the staff withdraw
    "assessments:decision_release": same("LNNNNAAFFAFF"),  # the approved one: staff or chairman publish
    "assessments:decision_undo": same("LNNNNFFFFFFA"),
    # Document batches: the district side starts them and downloads them.
    "assessments:batch_create": post_only(DISTRICT_SIDE),
    **_rows(same("LNNNNAAAAAAA"), "assessments:batch_detail assessments:batch_download"),
    # --- Phường 1's learning centre ---
    **_rows(
        same(ACTIVITY_KEEPERS),
        """
        centers:activity_create centers:activity_edit centers:activity_delete centers:learner_add
        centers:class_list_import centers:session_create centers:session_edit centers:session_delete
        centers:register_import centers:register_template
    """,
    ),
    "centers:learner_remove": post_only(ACTIVITY_KEEPERS),
    **_rows(same(PERSONAL_DATA), "centers:register centers:register_export centers:register_person"),
    "centers:edit": same("LAFFAAAFFFFA"),
    "centers:learning_models": same("LAFFAAAFFFFF"),
    "centers:calendar_publish": same("LFFFAFFFFFFF"),  # the director publishes the centre's calendar
    # The 2018 rating is a draft: the district side reads it, the district's staff score it; the ward: 404.
    "centers:rating": ("LNNNNAAAAAAA", "LNNNNAAFFFFF"),
    "centers:rating_step": same("LNNNNAAFFFFF"),
    "centers:rating_undo": same("LNNNNFFFFFFA"),
    # --- Plans, reports, briefings ---
    # Phường 1's task: its officer and chairman report on it.
    "plans:task_step": same("LAFAFFFFFFFF"),
    "plans:task_report": post_only("LIFIFFFFFFFF"),  # an empty note: the form answers 400 with its errors
    "plans:task_event": post_only("LNFNFFFFFFFF"),  # not an event: nothing to record (404)
    # The education office's task: its people (the inspectors work there too) delete its evidence.
    "plans:task_evidence_delete": post_only("LFFFFAFAAFFF"),
    # Phường 1's report in draft: the ward's, hidden from everyone else until it is sent.
    "plans:ward_report": ("LANANNNNNNNN", "LANFNNNNNNNN"),  # the chairman reads, the officer writes
    **_rows(same("LANANNNNNNNN"), "plans:ward_report_pdf plans:ward_report_step"),
    "plans:ward_report_undo": same("LFNFNNNNNNNN"),
    "plans:ward_report_start": post_only("LAFFFFFFFFFF"),
    **_rows(same(OWN_WARD_AND_DISTRICT), "plans:ward_reports_of_ward dashboard:ward dashboard:ward_export"),
    # The district's report: its staff, the chairman and the steering committee.
    **_rows(
        same("LFFFFAAFFAAF"),
        "plans:district_report plans:district_report_current plans:district_report_document",
    ),
    # Cluster briefings: the district side and the wards' officers and chairmen.
    **_rows(same("LAAAFAAAAAAA"), "plans:briefing_list_current plans:briefing_list plans:briefing"),
    # No criterion of Phường 1 is weak two years running: a 404 for those who may add the task.
    "dashboard:weak_criterion_task": same("LFFFFNNFFFFN"),
}


def expected_row(url_name: str) -> dict[tuple[str, str], str]:
    """``{(persona, method): letter}`` of ``url_name``."""
    get, post = EXPECTED[url_name]
    assert len(get) == len(post) == len(PERSONAS), url_name
    return {
        **{(persona, "GET"): letter for persona, letter in zip(PERSONAS, get, strict=True)},
        **{(persona, "POST"): letter for persona, letter in zip(PERSONAS, post, strict=True)},
    }
