"""Demo data of the district registry: Quận 5, its clusters, wards, units and one user per role.

Idempotent: every row is keyed on a natural key, so running it twice changes
nothing. Demo passwords are set only when an account is created.
"""

from django.db import transaction

from wards.models import (
    Cluster,
    CommitteeRole,
    District,
    DistrictUnit,
    Role,
    SteeringMember,
    UnitKind,
    User,
    Ward,
)
from wards.registry import set_roles

DEMO_PASSWORD = "xhht-demo-2026"

# code, name, short name, kind
UNITS = [
    ("phong-gddt", "Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", UnitKind.EDUCATION_OFFICE),
    ("hoi-khuyen-hoc", "Hội Khuyến học quận", "Hội Khuyến học", UnitKind.PROMOTION_ASSOCIATION),
    (
        "trung-tam-gdtx",
        "Trung tâm Giáo dục thường xuyên quận",
        "Trung tâm GDTX",
        UnitKind.CONTINUING_EDUCATION,
    ),
    ("ubmttq", "Ủy ban Mặt trận Tổ quốc Việt Nam quận", "UBMTTQ", UnitKind.FATHERLAND_FRONT),
    ("hoi-lhpn", "Hội Liên hiệp Phụ nữ quận", "Hội LHPN", UnitKind.MASS_ORGANISATION),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận", "Đoàn TN", UnitKind.MASS_ORGANISATION),
    ("hoi-ccb", "Hội Cựu chiến binh quận", "Hội CCB", UnitKind.MASS_ORGANISATION),
    ("ubnd-quan", "Ủy ban nhân dân quận", "UBND quận", UnitKind.PEOPLES_COMMITTEE),
]

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
_MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Thu"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc", "Quân",
          "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]  # fmt: skip
_STREETS = ["Trần Hưng Đạo", "Nguyễn Trãi", "An Dương Vương", "Hùng Vương", "Châu Văn Liêm",
            "Hải Thượng Lãn Ông", "Trần Phú", "Nguyễn Chí Thanh", "Lê Hồng Phong", "Ngô Quyền"]  # fmt: skip


def _name(seed: int) -> str:
    """A plausible Vietnamese full name, the same for the same seed."""
    return f"{_SURNAMES[seed % 13]} {_MIDDLE[(seed // 3) % 8]} {_GIVEN[(seed * 7) % 20]}"


# The chairmen with a demo account (chutich.p1, chutich.p2) keep their name on the ward.
_CHAIRMEN = {1: "Nguyễn Văn An", 2: "Trần Thị Bích"}


def _chairman(number: int) -> str:
    return _CHAIRMEN.get(number) or _name(number * 5)


def _ward_figures(number: int) -> dict:
    population = 15_000 + (number * 7_919) % 20_000
    return {
        "population": population,
        "households": population // 4 + number * 37,
        "residential_groups": 40 + (number * 13) % 45,
        "address": f"{100 + number * 17} {_STREETS[number % len(_STREETS)]}, Phường {number}, Quận 5",
        "chairman_name": _chairman(number),
        "clc_director_name": _name(number * 5 + 2),
    }


# username, full name, roles, ward number or None, unit code or None, position
USERS = [
    ("canbo.p1", "Phạm Thị Dung", [Role.WARD_OFFICER], 1, None, "Công chức Văn hóa - Xã hội"),
    ("canbo.p2", "Hoàng Văn Em", [Role.WARD_OFFICER], 2, None, "Công chức Văn hóa - Xã hội"),
    ("chutich.p1", _CHAIRMEN[1], [Role.WARD_CHAIRMAN], 1, None, "Chủ tịch UBND Phường 1"),
    ("chutich.p2", _CHAIRMEN[2], [Role.WARD_CHAIRMAN], 2, None, "Chủ tịch UBND Phường 2"),
    ("phonggd", "Đặng Thị Giang", [Role.EDUCATION_STAFF], None, "phong-gddt", "Chuyên viên Phòng GD&ĐT"),
    (
        "khuyenhoc",
        "Vũ Văn Hải",
        [Role.PROMOTION_STAFF],
        None,
        "hoi-khuyen-hoc",
        "Phó Chủ tịch Hội Khuyến học",
    ),
    ("kiemtra1", "Bùi Thị Khánh", [Role.INSPECTOR], None, "phong-gddt", "Chuyên viên Phòng GD&ĐT"),
    ("kiemtra2", "Lê Minh Khoa", [Role.INSPECTOR], None, "hoi-khuyen-hoc", "Ủy viên Hội Khuyến học"),
    ("kiemtra3", "Hồ Thị Lệ", [Role.INSPECTOR], None, "ubmttq", "Ủy viên UBMTTQ quận"),
    ("chutich.quan", "Trịnh Văn Long", [Role.DISTRICT_APPROVER], None, "ubnd-quan", "Phó Chủ tịch UBND quận"),
    ("bcd", "Lý Thị Mai", [Role.STEERING_MEMBER], None, None, "Thành viên Ban chỉ đạo XHHT quận"),
    ("admin", "Quản trị hệ thống", [Role.SYSTEM_ADMIN], None, None, "Quản trị viên"),
]


@transaction.atomic
def seed_district(stdout) -> None:
    district, _created = District.objects.update_or_create(
        name="Quận 5",
        defaults={
            "authority_name": "Ủy ban nhân dân Quận 5",
            "parent_authority_name": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            "place_name": "Quận 5",
        },
    )
    clusters = {
        number: Cluster.objects.update_or_create(
            district=district, number=number, defaults={"name": f"Cụm {number}"}
        )[0]
        for number in (1, 2, 3)
    }
    wards = {}
    for number in range(1, 16):
        wards[number] = _seed_ward(
            f"P{number:02d}",
            {
                "district": district,
                "cluster": clusters[(number - 1) // 5 + 1],
                "name": f"Phường {number}",
                **_ward_figures(number),
            },
        )
        _seed_steering_committee(wards[number], number)
    units = {
        code: DistrictUnit.objects.update_or_create(
            code=code, defaults={"district": district, "name": name, "short_name": short, "kind": kind}
        )[0]
        for code, name, short, kind in UNITS
    }
    for username, full_name, roles, ward_number, unit_code, position in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@xhht.example.vn",
                "position": position,
                "ward": wards.get(ward_number),
                "unit": units.get(unit_code),
                "is_staff": username == "admin",
                "is_superuser": username == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        set_roles(user, roles)
    stdout.write(
        f"{district.name}: {len(clusters)} clusters, {len(wards)} wards, {len(units)} units, "
        f"{len(USERS)} demo users."
    )
    _print_users(stdout)


def _seed_ward(code: str, values: dict) -> Ward:
    """The demo ward ``code`` with ``values``, saved only when they differ.

    A ward is traced (``wards.history``): a second run that saved the same
    values again would add a snapshot of each ward to the audit trail.
    """
    ward = Ward.objects.filter(code=code).first()
    if ward is None:
        return Ward.objects.create(code=code, **values)
    if any(getattr(ward, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(ward, name, value)
        ward.save()
    return ward


def _seed_steering_committee(ward: Ward, number: int) -> None:
    members = [
        (_chairman(number), f"Chủ tịch UBND {ward.name}", CommitteeRole.HEAD),
        (_name(number * 5 + 2), f"Phó Chủ tịch UBND {ward.name}", CommitteeRole.DEPUTY),
        (_name(number * 5 + 3), "Công chức Văn hóa - Xã hội", CommitteeRole.SECRETARY),
        (_name(number * 5 + 4), "Chủ tịch Hội Khuyến học phường", CommitteeRole.MEMBER),
    ]
    for order, (full_name, position, role) in enumerate(members, start=1):
        SteeringMember.objects.update_or_create(
            ward=ward,
            full_name=full_name,
            defaults={"position": position, "committee_role": role, "order": order},
        )


def _print_users(stdout) -> None:
    rows = [(username, ", ".join(str(role.label) for role in roles)) for username, _n, roles, *_rest in USERS]
    width = max(len(username) for username, _roles in rows)
    stdout.write("")
    stdout.write(f"{'Username'.ljust(width)}  Roles")
    stdout.write(f"{'-' * width}  {'-' * 40}")
    for username, roles in rows:
        stdout.write(f"{username.ljust(width)}  {roles}")
    stdout.write(f"\nPassword of every demo account: {DEMO_PASSWORD}")
