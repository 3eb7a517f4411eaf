"""The four text sections of a complete ward report, for tests."""

TEXTS = {
    "situation": "Trung tâm tổ chức 12 chuyên đề, 3 lớp xóa mù chữ.",
    "shortcomings": "Cơ sở vật chất còn thiếu.",
    "directions": "Duy trì hoạt động của Trung tâm.",
    "proposals": "Đề nghị quận hỗ trợ tài liệu.",
}
