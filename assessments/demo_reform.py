"""Demo data of the reform of 07/2025: Phường 14 and Phường 15 merge into Phường Hòa Bình; the 2025 cycle.

The merger is made by ``wards.mergers.merge_wards`` on 01/07/2025, after both
wards' 2024 results were published: the old wards close with their Circular 44
(2017, 2018) and Circular 25 (2024) results, their users and learning centres
move to the new ward. The 2025 cycle (Circular 25/2023) names the bodies that
recognise after the reform; Phường Hòa Bình, which has no result of its own
yet, is taken through the engine to publication at level 1 in March 2026; the
other wards are at the first steps (Phường 1 drafting its plan, Phường 2's plan
waiting for the chairman, the others preparing their dossiers).

Runs after every other seeder (``register_demo_seeder(..., last=True)``): the
centres' and plans' demo data belong to the wards as they were before the
merger. Idempotent: once the merger exists nothing is changed.
"""

import datetime
import random

from django.db import transaction

from assessments.demo import DemoPeople, ward_user
from assessments.demo_levels import (
    agree_at_meeting,
    answer_indicators,
    findings_for,
    inspect_by_indicator,
    level_cycle,
    prepare_dossier,
    recognise_and_publish,
)
from assessments.models import Indicator
from assessments.workflow import perform_transition
from wards.mergers import merge_wards
from wards.models import Role, User, Ward, WardMerger

YEAR = 2025
MERGED = ("P14", "P15")
NEW_CODE, NEW_NAME = "PHB", "Phường Hòa Bình"
EFFECTIVE_ON = datetime.date(2025, 7, 1)
LEGAL_BASIS = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã "
    "của Thành phố Hồ Chí Minh năm 2025 (dữ liệu minh họa)"
)
# After the reform there is no district: the province designates who recognises (demo data, editable per cycle).
AUTHORITY_2025 = {
    "recognising_body": "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    "recognising_parent_body": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    "signer_capacity": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
}
SIGNER_2025 = ("Nguyễn Văn Hiếu", "Phó Giám đốc")
# The other wards' first steps in 2025 (ward number → how far): ward 1 has not begun its self-assessment,
# ward 2 has answered its indicators, ward 3 has sent them to its chairman; the others, agreed at their
# meetings, prepare their dossiers.
NOT_BEGUN, ANSWERED, SENT_TO_CHAIRMAN, AGREED = range(4)
STEPS_2025 = {1: NOT_BEGUN, 2: ANSWERED, 3: SENT_TO_CHAIRMAN}


def _merge(admin: User) -> Ward:
    merger = merge_wards(
        list(Ward.objects.filter(code__in=MERGED).order_by("code")),
        new_ward_code=NEW_CODE,
        new_ward_name=NEW_NAME,
        effective_on=EFFECTIVE_ON,
        legal_basis=LEGAL_BASIS,
        actor=admin,
    )
    ward = merger.new_ward
    first = Ward.objects.get(code=MERGED[0])
    # What the administrator enters on the new ward's page: its committee's address and chairman.
    ward.address = "238 Trần Hưng Đạo, Phường Hòa Bình, Thành phố Hồ Chí Minh"
    ward.chairman_name = first.chairman_name
    ward.clc_director_name = first.clc_director_name
    ward.save(update_fields=["address", "chairman_name", "clc_director_name"])
    return ward


def _first_steps(assessments, day: datetime.date) -> None:
    claims = {
        indicator.code: (True, True)
        for indicator in Indicator.objects.filter(criterion__framework=assessments[0].cycle.framework)
    }
    for assessment in assessments:
        reached = STEPS_2025.get(int(assessment.ward.code[1:]), AGREED)
        if reached == NOT_BEGUN:
            continue
        officer = ward_user(assessment.ward, Role.WARD_OFFICER, "canbo")
        answer_indicators(assessment, claims, officer)
        if reached == SENT_TO_CHAIRMAN:
            perform_transition(assessment, "submit_self_assessment", officer, today=day)
        elif reached == AGREED:
            agree_at_meeting(assessment, day)


@transaction.atomic
def seed_reform(stdout) -> None:
    if WardMerger.objects.filter(new_ward__code=NEW_CODE).exists():
        stdout.write(f"The merger into {NEW_NAME} exists already; left unchanged.")
        return
    people = DemoPeople()
    new_ward = _merge(User.objects.get(username="admin"))
    cycle = level_cycle(YEAR, **AUTHORITY_2025)
    assessments = list(cycle.assessments.select_related("ward", "cycle__framework").order_by("ward__code"))
    _first_steps([a for a in assessments if a.ward_id != new_ward.pk], datetime.date(YEAR + 1, 1, 6))

    own = next(a for a in assessments if a.ward_id == new_ward.pk)
    indicators = list(Indicator.objects.filter(criterion__framework=cycle.framework).order_by("pk"))
    found = findings_for(indicators, 1, random.Random(YEAR))
    prepare_dossier(own, found.ward, datetime.date(YEAR + 1, 1, 20))
    inspect_by_indicator([own], people, {own.pk: found.team}, datetime.date(YEAR + 1, 3, 3))
    signer, title = SIGNER_2025
    recognise_and_publish(
        [own], people, datetime.date(YEAR + 1, 3, 20), number="125/QĐ-SGDĐT", signer=signer, title=title
    )
    stdout.write(
        f"Phường 14 and Phường 15 merged into {NEW_NAME} ({NEW_CODE}) on {EFFECTIVE_ON:%d/%m/%Y}; "
        f"cycle {YEAR} (Circular 25/2023): {NEW_NAME} published at level 1, the other "
        f"{len(assessments) - 1} wards at their first steps."
    )
