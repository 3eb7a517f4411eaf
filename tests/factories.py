"""factory_boy factories: plain defaults, no surprises."""

from datetime import date

import factory
from django.contrib.auth.hashers import make_password

from wards.models import Cluster, District, DistrictUnit, RoleGrant, SteeringMember, UnitKind, User, Ward

TEST_PASSWORD = "mật-khẩu-thử-1"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = "Quận 5"
    authority_name = "Ủy ban nhân dân Quận 5"
    parent_authority_name = "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    place_name = "Quận 5"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster
        django_get_or_create = ("district", "number")

    district = factory.SubFactory(DistrictFactory)
    number = 1
    name = factory.LazyAttribute(lambda cluster: f"Cụm {cluster.number}")


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward

    district = factory.SubFactory(DistrictFactory)
    cluster = factory.SubFactory(ClusterFactory, district=factory.SelfAttribute("..district"))
    code = factory.Sequence(lambda n: f"P{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Phường {n + 1}")
    population = 25000
    households = 6000
    residential_groups = 60
    address = factory.LazyAttribute(lambda ward: f"1 Đường Trần Hưng Đạo, {ward.name}")
    chairman_name = "Nguyễn Văn An"
    clc_director_name = "Trần Thị Bình"


class DistrictUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictUnit
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = "phong-gddt"
    name = "Phòng Giáo dục và Đào tạo"
    short_name = "Phòng GD&ĐT"
    kind = UnitKind.EDUCATION_OFFICE


class SteeringMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringMember

    ward = factory.SubFactory(WardFactory)
    full_name = "Lê Văn Cường"
    position = "Phó Chủ tịch UBND phường"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    password = factory.LazyFunction(lambda: make_password(TEST_PASSWORD))

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleGrant.objects.create(user=self, role=role)
        self.__dict__.pop("roles", None)


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle on the seeded Circular 44 framework (data migration 0002)."""

    class Meta:
        model = "assessments.Cycle"
        django_get_or_create = ("year",)

    year = 2018
    framework = factory.LazyFunction(lambda: _circular_44())
    self_assessment_start = factory.LazyAttribute(lambda c: date(c.year, 10, 1))
    self_assessment_end = factory.LazyAttribute(lambda c: date(c.year, 10, 25))
    dossier_deadline = factory.LazyAttribute(lambda c: date(c.year, 10, 31))
    inspection_start = factory.LazyAttribute(lambda c: date(c.year, 11, 1))
    inspection_end = factory.LazyAttribute(lambda c: date(c.year, 11, 30))
    recognition_deadline = factory.LazyAttribute(lambda c: date(c.year, 12, 15))
    lead_body = factory.SubFactory(
        DistrictUnitFactory,
        code="hoi-khuyen-hoc",
        name="Hội Khuyến học quận",
        short_name="Hội Khuyến học",
        kind=UnitKind.PROMOTION_ASSOCIATION,
    )


def _circular_44():
    from assessments.models import Framework

    return Framework.objects.get(code="tt44-2014", version=1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.Assessment"
        django_get_or_create = ("cycle", "ward")

    cycle = factory.SubFactory(CycleFactory)
    ward = factory.SubFactory(WardFactory)


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "centers.Center"

    ward = factory.SubFactory(WardFactory)
    name = factory.LazyAttribute(lambda center: f"Trung tâm học tập cộng đồng {center.ward.name}")
    address = factory.LazyAttribute(lambda center: center.ward.address)
    established_on = date(2010, 3, 1)
