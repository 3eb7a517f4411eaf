import unicodedata

from wards.text import strip_diacritics, vietnamese_sort_key


def test_strip_diacritics_removes_tones_and_letter_marks():
    assert strip_diacritics("Phường Đa Kao") == "phuong da kao"
    assert strip_diacritics("Âu Cơ") == "au co"
    assert strip_diacritics("Hùng Vương – Ưu tiên") == "hung vuong – uu tien"


def test_strip_diacritics_handles_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Phường Đa Kao")  # as some keyboards send it
    assert decomposed != "Phường Đa Kao"
    assert strip_diacritics(decomposed) == "phuong da kao"


def test_strip_diacritics_keeps_plain_text():
    assert strip_diacritics("P01 phuong 1") == "p01 phuong 1"


def test_vietnamese_sort_key_orders_numbers_by_value():
    names = ["Phường 10", "Phường 2", "Phường 1", "Phường 15", "Phường 9"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Phường 1",
        "Phường 2",
        "Phường 9",
        "Phường 10",
        "Phường 15",
    ]


def test_vietnamese_sort_key_puts_marked_letters_after_their_base_letter():
    names = ["Yên Hòa", "Đa Kao", "Dân Chủ", "Âu Cơ", "An Khánh", "Ăn Uống", "Bến Thành"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "An Khánh",
        "Ăn Uống",
        "Âu Cơ",
        "Bến Thành",
        "Dân Chủ",
        "Đa Kao",
        "Yên Hòa",
    ]


def test_vietnamese_sort_key_uses_tones_only_to_break_ties():
    # "ma" < "mà" < "má" < "mả" < "mã" < "mạ", and all before "mai" whatever the tone.
    names = ["mạ", "mai", "má", "ma", "mã", "mả", "mà"]
    assert sorted(names, key=vietnamese_sort_key) == ["ma", "mà", "má", "mả", "mã", "mạ", "mai"]


def test_vietnamese_sort_key_is_ascii_digits():
    key = vietnamese_sort_key("Phường Đa Kao 12")
    assert key.isdigit()
    assert len(key) <= 255
