"""Seed Circular 25/2023/TT-BGDĐT: 5 criteria of 15 indicators and the two levels of recognition.

Only the criteria's titles are sourced (../shared/domain/README.md §4). The
indicators' texts and targets are placeholders, three per criterion with a
higher level-2 target in criteria 4 and 5, for an administrator to replace
with the Circular's wording; the framework is left unconfirmed so pages say so.
A level is a classification whose ``min_points`` is its number.
"""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    (
        "Sự lãnh đạo, chỉ đạo của cấp ủy Đảng và chính quyền",
        "Leadership of the Party committee and the authorities",
    ),
    (
        "Huy động nguồn lực, tạo môi trường thuận lợi cho việc học tập",
        "Mobilising resources and an enabling environment for learning",
    ),
    (
        "Hiệu quả hoạt động của trung tâm học tập cộng đồng, thư viện công cộng, trung tâm văn hóa – thể thao",
        "Effectiveness of the community learning centre, the public library and the cultural and sports centre",
    ),
    ("Kết quả phổ cập giáo dục, xóa mù chữ", "Universal education and literacy results"),
    ("Tác động của việc xây dựng cộng đồng học tập", "Effects of building the learning community"),
]
INDICATORS_PER_CRITERION = 3
HIGHER_LEVEL_2 = {4, 5}
PLACEHOLDER_GUIDANCE = "Nội dung và minh chứng của chỉ tiêu: cần cập nhật theo Thông tư 25/2023/TT-BGDĐT."

LEVELS = [
    ("muc-2", "Mức độ 2 (Tốt)", "Level 2 (Good)", Decimal(2)),
    ("muc-1", "Mức độ 1 (Khá)", "Level 1 (Fairly good)", Decimal(1)),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Criterion = apps.get_model("assessments", "Criterion")
    Indicator = apps.get_model("assessments", "Indicator")
    ClassificationBand = apps.get_model("assessments", "ClassificationBand")
    framework, created = Framework.objects.get_or_create(
        code="tt25-2023",
        version=1,
        defaults={
            "name": "Đánh giá, công nhận “Cộng đồng học tập” cấp xã",
            "legal_reference": "Thông tư số 25/2023/TT-BGDĐT ngày 28/12/2023 của Bộ Giáo dục và Đào tạo",
            "first_year": 2024,
            "scoring_mode": "levels",
            "total_points": Decimal(0),
            "scheme_confirmed": False,
            "validity_years": 3,
            "upgrade_wait_months": 12,
        },
    )
    if not created:
        return
    for number, (title_vi, title_en) in enumerate(CRITERIA, start=1):
        criterion = Criterion.objects.create(
            framework=framework,
            number=number,
            title_vi=title_vi,
            title_en=title_en,
            max_points=Decimal(0),
            guidance="Báo cáo tự đánh giá, bảng tổng hợp các chỉ tiêu và minh chứng kèm theo.",
        )
        Indicator.objects.bulk_create(
            Indicator(
                criterion=criterion,
                number=index,
                title_vi=f"Chỉ tiêu {number}.{index} (cần cập nhật theo Thông tư 25/2023)",
                title_en=f"Indicator {number}.{index} (to be updated from Circular 25/2023)",
                guidance=PLACEHOLDER_GUIDANCE,
                level_1_target="Đạt yêu cầu của chỉ tiêu ở mức độ 1.",
                level_2_target="Đạt yêu cầu cao hơn của chỉ tiêu ở mức độ 2." if number in HIGHER_LEVEL_2 else "",
            )
            for index in range(1, INDICATORS_PER_CRITERION + 1)
        )
    ClassificationBand.objects.bulk_create(
        ClassificationBand(framework=framework, code=code, label_vi=vi, label_en=en, min_points=rank)
        for code, vi, en, rank in LEVELS
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0011_levels_indicators_validity")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
