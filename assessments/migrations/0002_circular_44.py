"""Seed Circular 44/2014/TT-BGDĐT: 15 criteria and the four grades.

The per-criterion maxima are placeholders (no source we have confirms them);
the framework is left unconfirmed so every page that uses them says so until
an administrator checks and confirms the scheme.
"""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    ("Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường", "Leadership by the ward Party committee and People's Committee"),
    ("Hoạt động của Ban chỉ đạo xây dựng xã hội học tập phường", "Work of the ward steering committee for a learning society"),
    ("Sự tham gia, phối hợp của các đoàn thể, tổ chức xã hội", "Participation and coordination of mass organisations"),
    (
        "Mạng lưới và hoạt động của các trường học, trung tâm học tập cộng đồng và thiết chế văn hóa",
        "Network and activity of schools, the CLC and cultural institutions",
    ),
    ("Kết quả phổ cập giáo dục, xóa mù chữ", "Universal education and literacy results"),
    ("Công bằng xã hội trong giáo dục", "Social equity in education"),
    ("Bồi dưỡng thường xuyên cán bộ, công chức phường", "Regular training of ward officials"),
    ("Học tập thường xuyên của người lao động từ 15 tuổi trở lên", "Regular learning of workers aged 15+"),
    ("Gia đình được công nhận “Gia đình học tập”", "“Learning-loving families”"),
    (
        "Tổ dân phố được công nhận “Cộng đồng học tập”",
        "Residential groups recognised as learning communities",
    ),
    (
        "Tổ dân phố được công nhận “Khu dân cư văn hóa”",
        "Residential groups recognised as “cultural residential areas”",
    ),
    ("Giảm hộ nghèo", "Reduction of poor households"),
    ("Bình đẳng giới", "Gender equality"),
    ("Vệ sinh, môi trường và sức khỏe cộng đồng", "Sanitation, environment and community health"),
    ("An ninh, trật tự, an toàn xã hội", "Public order and safety"),
]

# Placeholder maxima: 7 points for criteria 1–10, 6 for 11–15 (= 100).
MAXIMA = [Decimal(7)] * 10 + [Decimal(6)] * 5

BANDS = [
    ("tot", "Tốt", "Good", Decimal(85)),
    ("kha", "Khá", "Fairly good", Decimal(70)),
    ("trung-binh", "Trung bình", "Average", Decimal(50)),
    ("chua-dat", "Chưa đạt", "Not achieved", Decimal(0)),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Criterion = apps.get_model("assessments", "Criterion")
    ClassificationBand = apps.get_model("assessments", "ClassificationBand")
    framework, created = Framework.objects.get_or_create(
        code="tt44-2014",
        version=1,
        defaults={
            "name": "Đánh giá, xếp loại “Cộng đồng học tập” cấp xã",
            "legal_reference": "Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo",
            "first_year": 2015,
            "last_year": 2023,
            "scoring_mode": "points",
            "total_points": Decimal(100),
            "scheme_confirmed": False,
        },
    )
    if not created:
        return
    Criterion.objects.bulk_create(
        Criterion(
            framework=framework,
            number=number,
            title_vi=title_vi,
            title_en=title_en,
            max_points=maximum,
            guidance="Văn bản, báo cáo, số liệu thống kê, hình ảnh minh chứng cho tiêu chí.",
        )
        for number, ((title_vi, title_en), maximum) in enumerate(zip(CRITERIA, MAXIMA, strict=True), start=1)
    )
    ClassificationBand.objects.bulk_create(
        ClassificationBand(framework=framework, code=code, label_vi=vi, label_en=en, min_points=minimum)
        for code, vi, en, minimum in BANDS
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
