"""The text of the district's 2018 plan (ke-hoach-xhht-2018.txt), as data for the demo.

The wording is the source's, unchanged: a test compares the seeded plan with
the source line by line. ``PLAN_2018_TASKS`` lists every task of section III
with its responsible unit (a ``DistrictUnit`` code of ``wards.demo``, or
``WARDS`` for "the 15 wards", one task per ward), its coordinating units, and
its "when" as written ("Cả năm" where the plan names no month).
"""

from dataclasses import dataclass

YEAR = 2018
TITLE = "Kế hoạch xây dựng xã hội học tập trên địa bàn quận năm 2018"
NUMBER = "25/KH-BCĐ"
ISSUING_BODY = "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP QUẬN"
PARENT_BODY = "ỦY BAN NHÂN DÂN QUẬN 5"
SIGNER_CAPACITY = "TRƯỞNG BAN"
SIGNER_TITLE = "PHÓ CHỦ TỊCH UBND QUẬN"
SIGNER_NAME = "Nguyễn Đông Tùng"
CLOSING = (
    "Trên đây là Kế hoạch xây dựng xã hội học tập trên địa bàn quận năm 2018, đề nghị Thủ trưởng các cơ quan, "
    "đơn vị có liên quan triển khai thực hiện và báo cáo về Ban chỉ đạo quận theo quy định./."
)
RECIPIENTS = [
    "Sở GD&ĐT Thành phố (Phòng GDTX-Phòng TrH);",
    "Hội Khuyến học Thành phố;",
    "UBND quận (CT; PCT/VX);",
    "Phòng GD&ĐT, Hội Khuyến học quận;",
    "TT.GDTX quận;",
    "TV BCD XD XHHT quận;",
    "UBND, BCD XD XHHT, GD.TTHTCĐ 15 phường",
    "VP/HĐND và UBND quận (CVP, đ/c Bình-PVP);",
    "Lưu: VT.",
]
BASES = [
    "Căn cứ Quyết định số 5506/QĐ-UBND ngày 07/10/2013 của Ủy ban nhân dân Thành phố phê duyệt Kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020” trên địa bàn Thành phố;",
    "Căn cứ Kế hoạch số 796/KH-GDĐT-KH ngày 24/3/2016 của Sở Giáo dục và Đào tạo, Hội Khuyến học Thành phố triển khai nhân rộng và đánh giá, xếp loại/công nhận các mô hình học tập giai đoạn 2016 - 2020 trên địa bàn Thành phố;",
    "Căn cứ Kế hoạch số 478/KH-BCĐ ngày 05/8/2015 của Ban chỉ đạo xây dựng xã hội học tập quận triển khai thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020” và Kế hoạch số 348/KH-BCĐ ngày 27/5/2016 của Ban chỉ đạo xây dựng xã hội học tập quận triển khai nhân rộng và đánh giá, xếp loại/công nhận các mô hình học tập giai đoạn 2016 - 2020,",
]
INTRODUCTION = "Ban chỉ đạo xây dựng xã hội học tập quận (sau đây gọi tắt là Ban chỉ đạo) xây dựng Kế hoạch xây dựng xã hội học tập trên địa bàn quận năm 2018 như sau:"
PURPOSES = "\n".join(
    [
        "- Đẩy mạnh hoạt động khuyến học, khuyến tài, xã hội hóa giáo dục; tập trung mọi nguồn lực để đầu tư cho sự nghiệp giáo dục, đào tạo nghề đáp ứng yêu cầu nâng cao chất lượng nguồn nhân lực trong giai đoạn hội nhập kinh tế quốc tế.",
        "- Củng cố vững chắc kết quả phổ cập giáo dục, xóa mù chữ, quan tâm hơn công tác hướng nghiệp dạy nghề tạo điều kiện cho lực lượng lao động trẻ có trình độ chuyên môn nhất định để có thể tham gia vào cuộc sống lao động phục vụ đời sống cá nhân, gia đình và xã hội.",
        "- Xây dựng và tổ chức các loại hình hoạt động phù hợp với chức năng, nhiệm vụ của trung tâm học tập cộng đồng, đào tạo bồi dưỡng cập nhật kiến thức về quản lý, pháp luật, kinh tế và xã hội, nâng cao hiểu biết, khả năng lao động và nâng cao chất lượng cuộc sống cho người dân nhằm đáp ứng nhu cầu học tập, phát triển năng khiếu, sở thích, nâng cao chất lượng cuộc sống của người dân, đẩy mạnh công tác xã hội hóa giáo dục, góp phần xây dựng xã hội học tập trên địa bàn quận.",
        "- Tăng cường công tác phối hợp chặt chẽ, đồng bộ giữa các trung tâm học tập cộng đồng với các tổ chức chính trị - xã hội, cơ sở giáo dục và các cơ quan, đơn vị trên địa bàn trong quá trình tổ chức hoạt động, đáp ứng nhu cầu và mục đích học tập đa dạng của người dân.",
        "- Giúp phường tự đánh giá kết quả xây dựng “Cộng đồng học tập”, trên cơ sở đó, xây dựng Kế hoạch xây dựng “Cộng đồng học tập” phù hợp với thực tế của địa phương. Động viên, khuyến khích phong trào xây dựng “Cộng đồng học tập” cấp phường; tạo điều kiện, cơ hội cho mọi tầng lớp nhân dân trong địa bàn dân cư được học tập suốt đời.",
    ]
)
CONTENT_SECTIONS = [
    (
        "1",
        "Đẩy mạnh công tác tuyên truyền và phối hợp với các Ban ngành, tổ chức chính trị - xã hội trong nhiệm vụ xây dựng xã hội học tập",
        "\n".join(
            [
                "- Đẩy mạnh tuyên truyền nâng cao nhận thức của các tầng lớp nhân dân về mục đích, ý nghĩa, nội dung của học tập suốt đời và xây dựng xã hội học tập; về các nội dung của Quyết định số 281/QĐ-TTg ngày 20/2/2014 của Thủ tướng Chính phủ về xây dựng các mô hình học tập và Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo về đánh giá, xếp loại “Cộng đồng học tập” cấp phường; các nội dung về vai trò của giáo dục thường xuyên trong việc nâng cao dân trí, góp phần nâng cao chất lượng nguồn nhân lực, nâng cao năng suất lao động và chất lượng cuộc sống.",
                "- Tăng cường các hình thức tuyên truyền thông qua các hoạt động tại Trung tâm học tập cộng đồng, chú trọng quảng bá các thành quả đã đạt được bằng người thật, việc thật, kết quả thật để tuyên truyền về lợi ích của học tập suốt đời. Có giải pháp khuyến khích mọi người trong cộng đồng chia sẻ những kinh nghiệm hay, những bài học quý, giải quyết những băn khoăn, trăn trở, những vướng mắc, khó khăn trong đời sống... tuyên truyền thông qua các phong trào xây dựng “Gia đình học tập”, “Đơn vị học tập”, “Dòng họ học tập”, “Cộng đồng học tập”. Đồng thời củng cố tổ chức Hội khuyến học từ quận đến cơ sở.",
            ]
        ),
    ),
    (
        "2",
        "Tổ chức các hoạt động của trung tâm học tập cộng đồng",
        "\n".join(
            [
                "a) Công tác xóa mù chữ và giáo dục tiếp tục sau khi biết chữ tại Trung tâm học tập cộng đồng:",
                "- Tiếp tục điều tra thực trạng các đối tượng giáo dục cần tiếp tục sau khi biết chữ và phổ cập giáo dục (theo mẫu của Bộ Giáo dục và Đào tạo); cập nhật thông tin vào sổ theo dõi công tác xóa mù chữ của phường để có danh sách chính xác về số người trong diện xóa mù chữ mức độ 2 tại địa phương; thống kê, tổng hợp các số liệu xóa mù chữ và phổ cập giáo dục.",
                "- Chủ động phối hợp với các tổ chức xã hội, đoàn thể (Hội Liên hiệp Phụ nữ, Hội Khuyến học, Đoàn Thanh niên...) để vận động đối tượng học xóa mù chữ mức độ 2, đặc biệt quan tâm đến các đối tượng phụ nữ, người dân tộc thiểu số; tích cực vận động trẻ bỏ học trở lại trường, củng cố vững chắc kết quả phổ cập giáo dục tiểu học đúng độ tuổi.",
                "- Phối hợp với các trường và Trung tâm Giáo dục Thường xuyên tổ chức các lớp phổ cập giáo dục các cấp học. Tiếp tục huy động đối tượng ngoài nhà trường trong độ tuổi phổ cập ra học các lớp dạy chương trình bổ túc trung học cơ sở, trung học phổ thông, góp phần củng cố vững chắc kết quả phổ cập giáo dục trung học cơ sở và phổ cập bậc trung học.",
                "b) Phối hợp triển khai các chương trình giáo dục tại địa phương:",
                "- Tổ chức tập huấn cho cán bộ quản lý và giáo viên, hướng dẫn viên trung tâm học tập cộng đồng về mục tiêu, mức độ cần đạt, phương pháp giảng dạy, kiểm tra đánh giá... của chương trình giáo dục thường xuyên đáp ứng yêu cầu người học, cập nhật kiến thức, kỹ năng, chuyển giao công nghệ. Tăng cường sự phối hợp giữa Phòng Giáo dục và Đào tạo với Ủy ban nhân dân 15 phường để tập trung chỉ đạo nâng cao hiệu quả hoạt động của các trung tâm học tập cộng đồng.",
                "- Phổ biến tài liệu học tập, đáp ứng nhu cầu người học, phù hợp thực tế từng địa phương. Phát huy vai trò của trung tâm học tập cộng đồng trong việc tham gia thực hiện các chương trình, công trình hoạt động kinh tế, văn hóa - xã hội tại địa bàn phường.",
                "c) Tổ chức các hoạt động cụ thể tại Trung tâm:",
                "- Tổ chức sinh hoạt, học tập các chuyên đề phù hợp với thực tiễn địa phương, tạo điều kiện thuận lợi cho người dân tham gia học tập đúng nhu cầu và có thể ứng dụng trong thực tế, đáp ứng nhu cầu học tập ngày càng đa dạng của mọi tầng lớp nhân dân. Tùy theo tình hình, điều kiện cơ sở vật chất tại từng đơn vị, các Trung tâm học tập cộng đồng phường nghiên cứu tổ chức các loại hình hoạt động như:",
                "- Tổ chức các chuyên đề về sức khỏe, dinh dưỡng, dân số, kế hoạch hóa gia đình, hôn nhân gia đình, bảo vệ môi trường, phòng chống tệ nạn xã hội, pháp luật...",
                "- Tổ chức các lớp dạy nghề ngắn hạn, tin học, ngoại ngữ... để nâng cao kiến thức, kỹ năng trình độ chuyên môn.",
                "- Tổ chức các lớp học đáp ứng sở thích, năng khiếu (chụp ảnh, cắm hoa, nữ công gia chánh, nhạc, vẽ, võ thuật, luyện tập dưỡng sinh...) phù hợp thực tế theo nhu cầu người học.",
            ]
        ),
    ),
    (
        "3",
        "Triển khai thực hiện Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo quy định về đánh giá, xếp loại “Cộng đồng học tập cấp xã”",
        "\n".join(
            [
                "a) Nguyên tắc khi đánh giá: Triển khai thực hiện đai trà năm thứ 2 về việc đánh giá, công nhận danh hiệu “Cộng đồng học tập” cấp phường phải căn cứ vào kết quả đạt được, thông qua hồ sơ minh chứng với các tiêu chí được quy định tại Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo. Tổng số điểm tối đa cho tất cả các tiêu chí là 100, các tiêu chí không chứng minh phù hợp không được chấm điểm. Điểm tối đa mỗi tiêu chí được quy định tại phụ lục kèm theo Thông tư này.",
                "b) Quy trình đánh giá, xếp loại và xét công nhận:",
                "- Bước 1: Trường Ban chỉ đạo phường xây dựng kế hoạch tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập cấp phường”, có phê duyệt của Chủ tịch Ủy ban nhân dân phường và chủ trì triển khai đến các đơn vị liên quan tổ chức thực hiện kế hoạch.",
                "- Bước 2: Căn cứ kế hoạch tự kiểm tra, Ban chỉ đạo phường lập hồ sơ gởi Chủ tịch Ủy ban nhân dân phường ký tờ trình Ủy ban nhân dân quận kiểm tra, đánh giá, xếp loại đối với phường.",
                "- Bước 3: Trong thời hạn 10 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ của Ủy ban nhân dân phường. Chủ tịch Ủy ban nhân dân quận giao cho Phòng Giáo dục và Đào tạo, Hội Khuyến học quận chủ trì xây dựng kế hoạch kiểm tra, đánh giá và xếp loại “Cộng đồng học tập cấp phường” và trình Chủ tịch Ủy ban nhân dân quận phê duyệt.",
                "- Bước 4: Căn cứ vào kế hoạch đã được Chủ tịch Ủy ban nhân dân quận phê duyệt Phòng Giáo dục và Đào tạo, Hội Khuyến học quận chủ trì phối hợp với các đơn vị liên quan tổ chức đoàn kiểm tra (căn cứ 15 tiêu chí để mời đủ thành phần), đánh giá xếp loại “Cộng đồng học tập” cấp phường.",
                "- Bước 5: Trong thời hạn 5 ngày làm việc kể từ ngày có kết quả kiểm tra, Phòng Giáo dục và Đào tạo, Hội Khuyến học quận lập hồ sơ trình Chủ tịch Ủy ban nhân dân quận công nhận kết quả đánh giá, xếp loại “Cộng đồng học tập” cấp phường và công bố công khai.",
                "c) Hồ sơ đánh giá, xếp loại:",
                "Ủy ban nhân dân phường gửi Ủy ban nhân dân quận 01 bộ hồ sơ đề nghị kiểm tra, đánh giá, xếp loại “Cộng đồng học tập”, gồm:",
                "- Tờ trình của Ủy ban nhân dân Phường.",
                "- Báo cáo kèm theo các minh chứng phù hợp với các tiêu chí đánh giá kết quả xây dựng “Cộng đồng học tập” Phường, có xác nhận của Chủ tịch Ủy ban nhân dân Phường.",
                "- Biên bản tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” của Phường.",
                "d) Thời gian kiểm tra: đánh giá, công nhận danh hiệu “cộng đồng học tập” cấp phường được thực hiện vào tháng 10/2018.",
            ]
        ),
    ),
]

# Section III: number, title.
ORGANISATION_SECTIONS = [
    ("1", "Phòng Giáo dục và Đào tạo"),
    ("2", "Đề nghị Hội khuyến học quận"),
    ("3", "Đề nghị Ủy ban Mật trận Tổ quốc Việt Nam và các Tổ chức chính trị - xã hội quận"),
    ("4", "Ủy ban nhân dân và Ban chỉ đạo xây dựng xã hội học tập 15 phường"),
]

WARDS = "wards"  # the responsible is each ward's People's Committee: one task per ward


@dataclass(frozen=True)
class TaskLine:
    section: str  # number in section III
    unit: str  # DistrictUnit code, or WARDS
    text: str
    when: str = "Cả năm"
    coordinating: tuple[str, ...] = ()
    is_event: bool = False


PLAN_2018_TASKS = [
    TaskLine(
        "1",
        "phong-gddt",
        "Tổ chức tập huấn cho Ban giám đốc Trung tâm học tập cộng đồng về các nội dung thực hiện trong năm, "
        "các chuyên đề cụ thể, thiết thực nhằm từng bước đáp ứng nhu cầu của người dân trên địa bàn quận",
        "Tháng 01/2018",
        is_event=True,
    ),
    TaskLine(
        "1",
        "phong-gddt",
        "Phối hợp cùng Hội Khuyến học Quận báo cáo kết quả thực hiện xây dựng xã hội học tập năm 2017 và triển "
        "khai nhiệm vụ năm 2018. Triển khai hướng dẫn hoạt động Trung tâm học tập cộng đồng 15 phường năm 2018. "
        "Giới thiệu các Trung tâm học tập cộng đồng đang hoạt động tốt cho các phường khác học tập rút kinh nghiệm",
        "Tháng 2/2018",
        ("hoi-khuyen-hoc",),
    ),
    TaskLine(
        "1",
        "phong-gddt",
        "Tổ chức tập huấn tuyên truyền về Quyết định số 281/QĐ-TTg ngày 20/2/2014 của Thủ tướng Chính phủ về xây "
        "dựng các mô hình học tập và Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo về "
        "đánh giá, xếp loại “Cộng đồng học tập” cấp phường cho đội ngũ cán bộ quản lý giáo dục và giáo viên toàn "
        "quận trong đợt sinh hoạt Chính trị hè năm 2018.",
        "Tháng 8/2018",
        is_event=True,
    ),
    TaskLine(
        "1",
        "phong-gddt",
        "Tổ chức tập huấn cho đội ngũ giáo viên chuyên trách của 15 phường về công tác phổ cập giáo dục, xóa mù chữ",
        "Tháng 8/2018",
        is_event=True,
    ),
    TaskLine(
        "1",
        "phong-gddt",
        "Phối hợp cùng Hội Khuyến học quận xây dựng kế hoạch và tổ chức kiểm tra, đánh giá và xếp loại “Cộng đồng "
        "học tập” cấp phường và lập hồ sơ trình Ủy ban nhân dân quận ban hành Quyết định công nhận xếp loại “Cộng "
        "đồng học tập” cấp phường năm 2018",
        "Tháng 11/2018",
        ("hoi-khuyen-hoc",),
    ),
    TaskLine(
        "1",
        "phong-gddt",
        "Phối hợp cùng với Trung tâm Giáo dục Thường xuyên quận, Hội Khuyến học quận tổ chức kiểm tra, khảo sát, "
        "đánh giá và xếp loại Trung tâm Học tập Cộng đồng phường vào cuối năm 2018 và tổ chức kiểm tra đánh giá "
        "công tác phổ cập giáo dục, xóa mù chữ năm 2018",
        "Tháng 12/2018",
        ("trung-tam-gdtx", "hoi-khuyen-hoc"),
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Tổ chức tập huấn tuyên truyền trong cán bộ Ban chấp hành Hội Khuyến học phường và Ban chấp hành Chi hội "
        "khu phố",
        "Tháng 3, 4/2018",
        is_event=True,
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Đẩy mạnh công tác tuyên truyền sâu rộng trong các cấp Hội Khuyến học và nhân dân 15 phường thông qua các "
        "kênh báo cáo viên, tuyên truyền viên, bản tin Quận, Phường, cổng thông tin và giao tiếp điện tử quận.",
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Tập huấn hướng dẫn quy trình tự kiểm tra xếp loại và cách thu thập hồ sơ minh chứng",
        "Tháng 5/2018",
        is_event=True,
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Tổ chức Hội nghị sơ kết 3 năm điển hình các mô hình học tập (2015-2018)",
        "Tháng 7/2018",
        is_event=True,
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Chủ trì phối hợp với Phòng Giáo dục và Đào tạo cùng các Ban ngành đoàn thể quận tổ chức kiểm tra, đánh "
        "giá và xếp loại “Cộng đồng học tập” cho 15 phường năm 2018",
        "Tháng 11/2018",
        ("phong-gddt",),
    ),
    TaskLine(
        "2",
        "hoi-khuyen-hoc",
        "Căn cứ Kế hoạch thi đua khen thưởng Hội Khuyến học Thành phố năm 2018 gồm 5 nội dung, 10 tiêu chí, Thường "
        "trực Hội Khuyến học quận và 3 Cụm thi đua Phường tổ chức họp giao ban báo cáo tiến độ thực hiện",
        "Các Quý I, II, III/2018",
        is_event=True,
    ),
    TaskLine(
        "3",
        "ubmttq",
        "đẩy mạnh các hoạt động tuyên truyền trong nhân dân về công tác xây dựng xã hội học tập gắn hoạt động chức "
        "năng với các yêu cầu, nhiệm vụ của phong trào quần chúng trên địa bàn dân cư; phối hợp và hỗ trợ tổ chức "
        "các chuyên đề, phát động phong trào học tập đạt hiệu quả tốt.",
        coordinating=("hoi-lhpn", "doan-thanh-nien", "hoi-ccb"),
    ),
    TaskLine(
        "4",
        WARDS,
        "Báo cáo công tác xây dựng xã hội học tập năm 2017 và triển khai kế hoạch thực hiện năm 2018, trong đó có "
        "báo cáo kết quả thực hiện của Trung tâm học tập cộng đồng năm 2017 và phương hướng năm 2018.",
    ),
    TaskLine(
        "4",
        WARDS,
        "Ủy ban nhân dân phường xây dựng và triển khai kế hoạch thực hiện Thông tư số 44/2014/TT-BGDĐT ngày "
        "12/12/2014 của Bộ Giáo dục và Đào tạo quy định về đánh giá xếp loại “Cộng đồng học tập” năm 2018",
        "Quý I/2018",
    ),
    TaskLine(
        "4",
        WARDS,
        "Phó Chủ tịch Ủy ban nhân dân kiêm Giám đốc Trung tâm Học tập cộng đồng phường tổ chức điều hành lịch hoạt "
        "động Trung tâm năm 2018.",
    ),
    TaskLine(
        "4",
        WARDS,
        "Ủy ban nhân dân phường xây dựng kế hoạch tự đánh giá, kiểm tra, xếp loại và lập hồ sơ gửi về Hội Khuyến "
        "học quận",
        "Tháng 10/2018",
        ("hoi-khuyen-hoc",),
    ),
]
