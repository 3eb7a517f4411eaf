"""The data a new portal starts with: the plan's activity catalogue, the literacy standards,
the learning-model targets and a year-end rubric. A data migration loads them once;
after that they are the district's to edit (none of it is a constant of the code).
"""

# code, name, group, counts only
ACTIVITY_KINDS = [
    ("xoa-mu-chu", "Lớp xóa mù chữ", "literacy", False),
    ("sau-biet-chu", "Lớp giáo dục tiếp tục sau khi biết chữ", "literacy", False),
    ("bo-tuc-thcs", "Lớp bổ túc THCS (phổ cập)", "universal_education", False),
    ("bo-tuc-thpt", "Lớp bổ túc THPT", "universal_education", False),
    ("cd-suc-khoe", "Chuyên đề sức khỏe", "talk", True),
    ("cd-dinh-duong", "Chuyên đề dinh dưỡng", "talk", True),
    ("cd-dan-so", "Chuyên đề dân số – kế hoạch hóa gia đình", "talk", True),
    ("cd-hon-nhan", "Chuyên đề hôn nhân và gia đình", "talk", True),
    ("cd-moi-truong", "Chuyên đề bảo vệ môi trường", "talk", True),
    ("cd-te-nan", "Chuyên đề phòng chống tệ nạn xã hội", "talk", True),
    ("cd-phap-luat", "Chuyên đề pháp luật", "talk", True),
    ("nghe-ngan-han", "Lớp dạy nghề ngắn hạn", "vocational", False),
    ("tin-hoc", "Lớp tin học", "it", False),
    ("ngoai-ngu", "Lớp ngoại ngữ", "language", False),
    ("nhiep-anh", "Lớp nhiếp ảnh", "hobby", False),
    ("cam-hoa", "Lớp cắm hoa", "hobby", False),
    ("nu-cong-gia-chanh", "Lớp nữ công gia chánh", "hobby", False),
    ("am-nhac", "Lớp âm nhạc", "hobby", False),
    ("hoi-hoa", "Lớp hội họa", "hobby", False),
    ("vo-thuat", "Lớp võ thuật", "hobby", False),
    ("duong-sinh", "Lớp dưỡng sinh", "hobby", False),
]

# level, name, min age, max age, threshold %, from year, basis
LITERACY_STANDARDS = [
    ("level_1", "Chuẩn biết chữ mức độ 1", 15, 35, 90, 2014, "Nghị định 20/2014/NĐ-CP"),
    ("level_2", "Chuẩn biết chữ mức độ 2", 15, 60, 90, 2014, "Nghị định 20/2014/NĐ-CP"),
]

# kind, from year, target %, basis
LEARNING_TARGETS = [
    ("family", 2014, 70, "Quyết định 281/QĐ-TTg (mục tiêu đến 2020)"),
    ("clan", 2014, 50, "Quyết định 281/QĐ-TTg (mục tiêu đến 2020)"),
    ("community", 2014, 60, "Quyết định 281/QĐ-TTg (mục tiêu đến 2020)"),
    ("unit", 2014, 50, "Quyết định 281/QĐ-TTg (mục tiêu đến 2020)"),
]

RUBRIC_NAME = "Tiêu chí đánh giá, xếp loại TTHTCĐ cuối năm"
# order, name, guidance, maximum points
RUBRIC_AREAS = [
    (1, "Công tác quản lý, tổ chức", "Ban giám đốc, kế hoạch, lịch hoạt động, hồ sơ sổ sách", 25),
    (2, "Tổ chức các hoạt động học tập", "Các lớp, chuyên đề; số buổi, số lượt người học", 35),
    (3, "Huy động sự tham gia của xã hội", "Phối hợp với đoàn thể, trường học; nguồn lực huy động", 20),
    (4, "Hiệu quả hoạt động", "Kết quả xóa mù chữ, chuyển biến trong cộng đồng", 20),
]
# label, from points
RUBRIC_BANDS = [("Tốt", 85), ("Khá", 70), ("Trung bình", 50), ("Chưa đạt", 0)]
