"""Synthetic data at scale (``manage.py seed_scale``): the organisation, and the registry of the apps' generators.

The benchmarks need a country's worth of wards with years of complete records,
made in seconds and the same every time. So nothing here goes through
``save()``, the forms or the workflow engine: rows are written with
``bulk_create`` in batches, final states and their history rows directly, as
the engine would have recorded them (``engines.workflow``), and nobody is
e-mailed. Every random choice comes from ``ScaleRun.rng(name)``, a generator
seeded with the run's seed and the name of what it draws, so the same seed
gives the same rows and one generator's draws never shift another's.

The ward app sits below the apps it generates for and never imports them: an
app registers its generator in its ``AppConfig.ready`` (``wards.seeders``, as for ``seed_demo``),
and the command runs them in ``INSTALLED_APPS`` order after the organisation.
"""

import enum
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from wards.demo import DEMO_PASSWORD, UNITS
from wards.models import (
    Cluster,
    CommitteeRole,
    District,
    DistrictUnit,
    Role,
    RoleGrant,
    SteeringMember,
    User,
    Ward,
)
from wards.text import strip_diacritics, vietnamese_sort_key

# A province reviews about a hundred communes after the reform of 07/2025; up to that many wards form one district.
WARDS_PER_DISTRICT = 100
WARDS_PER_CLUSTER = 10
BATCH = 5000

# username, full name, roles, unit code, position: the demo's district personas (``wards.demo.USERS``).
DISTRICT_PEOPLE = [
    ("phonggd", "Đặng Thị Giang", [Role.EDUCATION_STAFF], "phong-gddt", "Chuyên viên Phòng GD&ĐT"),
    ("khuyenhoc", "Vũ Văn Hải", [Role.PROMOTION_STAFF], "hoi-khuyen-hoc", "Phó Chủ tịch Hội Khuyến học"),
    ("kiemtra1", "Bùi Thị Khánh", [Role.INSPECTOR], "phong-gddt", "Chuyên viên Phòng GD&ĐT"),
    ("kiemtra2", "Lê Minh Khoa", [Role.INSPECTOR], "hoi-khuyen-hoc", "Ủy viên Hội Khuyến học"),
    ("kiemtra3", "Hồ Thị Lệ", [Role.INSPECTOR], "ubmttq", "Ủy viên UBMTTQ"),
    ("chutich.quan", "Trịnh Văn Long", [Role.DISTRICT_APPROVER], "ubnd-quan", "Phó Chủ tịch UBND"),
    ("bcd", "Lý Thị Mai", [Role.STEERING_MEMBER], None, "Thành viên Ban chỉ đạo XHHT"),
    ("admin", "Quản trị hệ thống", [Role.SYSTEM_ADMIN], None, "Quản trị viên"),
]
# prefix, role, position: the accounts every ward gets (``canbo.p1`` … as in the demo).
WARD_PEOPLE = [
    ("canbo", Role.WARD_OFFICER, "Công chức Văn hóa - Xã hội"),
    ("chutich", Role.WARD_CHAIRMAN, "Chủ tịch UBND"),
    ("ttht", Role.CLC_DIRECTOR, "Giám đốc TTHTCĐ"),
    ("nvtt", Role.CLC_STAFF, "Nhân viên TTHTCĐ"),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc", "Quân",
         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]  # fmt: skip


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass
class ScaleRun:
    """One run of the generators: its parameters, what the lower floors made, and the rows written."""

    seed: int
    ward_count: int
    years: list[int]
    per_unit: int
    today: date
    districts: list[District] = field(default_factory=list)
    wards: list[Ward] = field(default_factory=list)
    units: dict[str, DistrictUnit] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    ward_people: dict[int, dict[str, User]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    now: datetime = field(default_factory=timezone.now)  # what ``auto_now`` columns get
    shared: dict = field(default_factory=dict)  # what a generator hands to a later one

    def rng(self, name: str) -> random.Random:
        """A generator for ``name`` alone (string seeds are hashed the same in every process)."""
        return random.Random(f"{self.seed}:{name}")

    def bulk(self, model: type[models.Model], rows: Iterable[models.Model]) -> list[models.Model]:
        """Insert ``rows`` (no ``save()``, no signals), counted under the model's table; their keys are set.

        On PostgreSQL the keys are drawn from the table's sequence and the rows
        sent with ``COPY``, several times faster than ``bulk_create``; elsewhere
        (the tests' SQLite) ``bulk_create`` in batches.
        """
        rows = list(rows)
        self.counts[model._meta.db_table] += len(rows)
        if rows and connection.vendor == "postgresql":
            _copy(model, rows, self.now)
        elif rows:
            model.objects.bulk_create(rows, batch_size=BATCH)
        return rows

    def insert(self, model: type[models.Model], fields: tuple[str, ...], rows: Iterable[tuple], *, ids=False):
        """Insert plain tuples of ``fields`` (attribute names, keys as numbers): no model objects for the
        millions of score, evidence and attendance rows. Returns the new keys when ``ids`` is asked for."""
        rows = list(rows)
        self.counts[model._meta.db_table] += len(rows)
        if not rows:
            return []
        if connection.vendor != "postgresql":
            objects = model.objects.bulk_create(
                [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=BATCH
            )
            return [obj.pk for obj in objects]
        meta = model._meta
        columns = {f.attname: f.column for f in meta.concrete_fields}
        names = [columns[name] for name in fields]
        keys = []
        with connection.cursor() as cursor:
            if ids:
                keys = _keys(cursor, model, len(rows))
                names = [meta.pk.column, *names]
            quoted = ", ".join(connection.ops.quote_name(name) for name in names)
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(meta.db_table)} ({quoted}) FROM STDIN"
            ) as copy:
                if ids:
                    for key, row in zip(keys, rows, strict=True):
                        copy.write_row((key, *row))
                else:
                    for row in rows:
                        copy.write_row(row)
        return keys

    def person(self, ward: Ward, role: str) -> User:
        return self.ward_people[ward.pk][role]


def _copy(model: type[models.Model], rows: list[models.Model], now: datetime) -> None:
    """``COPY`` the rows into the model's table with keys drawn from its sequence (PostgreSQL only)."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    with connection.cursor() as cursor:
        for row, pk in zip(rows, _keys(cursor, model, len(rows)), strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, connection.alias
        columns = ", ".join(connection.ops.quote_name(f.column) for f in [meta.pk, *fields])
        with cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row([row.pk, *(_value(row, f, now) for f in fields)])


def _keys(cursor, model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys from the table's sequence."""
    meta = model._meta
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [meta.db_table, meta.pk.column, count],
    )
    return [key for (key,) in cursor.fetchall()]


def _value(row: models.Model, field: models.Field, now: datetime):
    """The database value of ``field`` as ``bulk_create`` would store it (keys of related rows saved since)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    value = getattr(row, field.attname)
    if value is None and field.is_relation and field.name in row._state.fields_cache:
        related = row._state.fields_cache[field.name]
        value = related.pk if related is not None else None
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, enum.Enum):
        return value.value
    return value


def generate_organisation(run: ScaleRun) -> None:
    """Districts (provinces above a hundred wards), clusters of ten, the wards, the units and the personas."""
    rng = run.rng("organisation")
    district_count = -(-run.ward_count // WARDS_PER_DISTRICT)
    provinces = district_count > 1
    run.districts = run.bulk(
        District, (_district(number, provinces) for number in range(1, district_count + 1))
    )
    per_district = -(-run.ward_count // district_count)
    clusters, wards = [], []
    for number in range(1, run.ward_count + 1):
        district = run.districts[(number - 1) // per_district]
        index = (number - 1) % per_district
        if index % WARDS_PER_CLUSTER == 0:
            clusters.append(
                Cluster(
                    district=district, number=index // WARDS_PER_CLUSTER + 1, name=f"Cụm {index // 10 + 1}"
                )
            )
        name = f"{district.ward_level_name.capitalize()} {number}"
        population = rng.randint(8_000, 40_000)
        wards.append(
            Ward(
                district=district,
                cluster=clusters[-1],
                code=f"P{number:04d}",
                name=name,
                population=population,
                households=population // 4,
                residential_groups=rng.randint(20, 90),
                address=f"{rng.randint(1, 400)} Đường số {rng.randint(1, 60)}, {name}",
                chairman_name=person_name(rng),
                clc_director_name=person_name(rng),
                sort_key=vietnamese_sort_key(name),
                search_name=strip_diacritics(name),
            )
        )
    run.bulk(Cluster, clusters)
    for ward in wards:
        ward.cluster_id = ward.cluster.pk
    run.wards = run.bulk(Ward, wards)
    run.bulk(
        SteeringMember,
        (
            SteeringMember(
                ward=ward, full_name=full_name, position=position, committee_role=role, order=order
            )
            for ward in run.wards
            for order, (full_name, position, role) in enumerate(
                [
                    (ward.chairman_name, f"Chủ tịch UBND {ward.name}", CommitteeRole.HEAD),
                    (ward.clc_director_name, f"Phó Chủ tịch UBND {ward.name}", CommitteeRole.DEPUTY),
                    (person_name(rng), "Công chức Văn hóa - Xã hội", CommitteeRole.SECRETARY),
                ],
                start=1,
            )
        ),
    )
    # Beside existing data (``--add``) the district's units and personas already there are used, not doubled.
    run.units = {
        unit.code: unit for unit in DistrictUnit.objects.filter(code__in=[code for code, *_r in UNITS])
    }
    run.units |= {
        unit.code: unit
        for unit in run.bulk(
            DistrictUnit,
            (
                DistrictUnit(district=run.districts[0], code=c, name=n, short_name=s, kind=k)
                for c, n, s, k in UNITS
                if c not in run.units
            ),
        )
    }
    _people(run)


def _district(number: int, province: bool) -> District:
    if province:
        name = f"Tỉnh {number}"
        return District(
            name=name,
            level_name="tỉnh",
            ward_level_name="xã",
            authority_name=f"Ủy ban nhân dân {name}",
            parent_authority_name="",
            place_name=name,
        )
    return District(
        name="Quận 5",
        authority_name="Ủy ban nhân dân Quận 5",
        parent_authority_name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        place_name="Quận 5",
    )


def _people(run: ScaleRun) -> None:
    """The district personas and three accounts per ward, all with the demo password (hashed once)."""
    password = make_password(DEMO_PASSWORD)
    users, roles = [], []
    existing = set(User.objects.values_list("username", flat=True))
    run.people = {
        user.username: user for user in User.objects.filter(username__in=[p[0] for p in DISTRICT_PEOPLE])
    }
    for username, full_name, user_roles, unit_code, position in DISTRICT_PEOPLE:
        if username in run.people:
            continue
        user = User(
            username=username,
            full_name=full_name,
            email=f"{username}@xhht.example.vn",
            position=position,
            unit=run.units.get(unit_code),
            is_staff=username == "admin",
            is_superuser=username == "admin",
            password=password,
        )
        users.append(user)
        roles += [(user, role) for role in user_roles]
        run.people[username] = user
    for number, ward in enumerate(run.wards, start=1):
        run.ward_people[ward.pk] = {}
        for prefix, role, position in WARD_PEOPLE:
            username = f"{prefix}.p{number}"
            if username in existing:  # a demo's canbo.p1: the generated ward's officer is canbo.p0001
                username = f"{prefix}.{ward.code.lower()}"
            full_name = {
                Role.WARD_CHAIRMAN: ward.chairman_name,
                Role.CLC_DIRECTOR: ward.clc_director_name,
            }.get(role, f"Cán bộ {ward.name}")
            user = User(
                username=username,
                full_name=full_name,
                email=f"{username}@xhht.example.vn",
                position=f"{position} {ward.name}",
                ward=ward,
                password=password,
            )
            users.append(user)
            roles.append((user, role))
            run.ward_people[ward.pk][role] = user
    run.bulk(User, users)
    run.bulk(RoleGrant, (RoleGrant(user=user, role=role) for user, role in roles))
