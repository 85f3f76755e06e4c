"""Fixed vocabularies of a Vietnamese retail bank: names, provinces, banks, merchant categories.

Faker's vi_VN provider supplies the names and places; it is small (ten surnames), so it is extended
with other common Vietnamese family names: rings need members with pairwise different surnames.
The lists are read once at import and never change, so generation stays deterministic.
"""

from __future__ import annotations

from faker.providers.address.vi_VN import Provider as _Address
from faker.providers.person.vi_VN import Provider as _Person

# Family names with rough population weights (Nguyễn alone is about four in ten people).
_SURNAME_WEIGHTS = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Huỳnh": 4, "Phan": 4.5, "Vũ": 3.9,
    "Võ": 3.5, "Đặng": 2.1, "Bùi": 2, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1, "Lý": 0.5,
    "Mai": 0.5, "Đinh": 0.5, "Trương": 0.5, "Lâm": 0.4, "Đoàn": 0.4, "Trịnh": 0.4, "Lương": 0.3,
    "Cao": 0.3, "Tô": 0.3, "Hà": 0.3, "Tạ": 0.2, "Châu": 0.2, "Quách": 0.1, "Vương": 0.1,
    "Thái": 0.1, "Kiều": 0.1, "La": 0.1, "Triệu": 0.1, "Văn": 0.1, "Tăng": 0.1,
}  # fmt: skip
for _name in _Person.last_names:
    _SURNAME_WEIGHTS.setdefault(_name, 0.3)
SURNAMES: tuple[str, ...] = tuple(_SURNAME_WEIGHTS)
SURNAME_CUM_WEIGHTS: tuple[float, ...] = tuple(
    sum(list(_SURNAME_WEIGHTS.values())[: i + 1]) for i in range(len(_SURNAME_WEIGHTS))
)

MIDDLE_MALE: tuple[str, ...] = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Thành", "Xuân", "Công", "Thế", "Hoàng")
MIDDLE_FEMALE: tuple[str, ...] = ("Thị", "Ngọc", "Thu", "Thanh", "Phương", "Kim", "Minh", "Bảo", "Mỹ")
GIVEN_MALE: tuple[str, ...] = tuple(
    dict.fromkeys((*_Person.first_names_male, "Dũng", "Hải", "Long", "Sơn", "Tuấn", "Thắng", "Bình", "Khánh"))
)
GIVEN_FEMALE: tuple[str, ...] = tuple(
    dict.fromkeys((*_Person.first_names_female, "Trang", "Hà", "Nhung", "Yến", "Hạnh", "Thủy", "Oanh", "Nga"))
)

# CCCD numbers start with the 3-digit code of the province of birth (Circular 07/2016/TT-BCA).
# Faker lists today's 34 provincial units; each is given the code of its principal former province.
_CCCD_CODES = {
    "Hà Nội": "001", "Hải Phòng": "031", "Huế": "046", "Đà Nẵng": "048", "Hồ Chí Minh": "079",
    "Cần Thơ": "092", "Cao Bằng": "004", "Tuyên Quang": "008", "Điện Biên": "011", "Lai Châu": "012",
    "Sơn La": "014", "Lào Cai": "010", "Thái Nguyên": "019", "Lạng Sơn": "020", "Quảng Ninh": "022",
    "Bắc Ninh": "027", "Phú Thọ": "025", "Hưng Yên": "033", "Ninh Bình": "037", "Thanh Hóa": "038",
    "Nghệ An": "040", "Hà Tĩnh": "042", "Quảng Trị": "045", "Quảng Ngãi": "051", "Gia Lai": "064",
    "Đắk Lắk": "066", "Khánh Hòa": "056", "Lâm Đồng": "068", "Đồng Nai": "075", "Tây Ninh": "072",
    "Đồng Tháp": "087", "Vĩnh Long": "086", "An Giang": "089", "Cà Mau": "096",
}  # fmt: skip
# Where a retail bank's customers live: the two big cities dominate.
_PROVINCE_WEIGHT = {"Hồ Chí Minh": 22, "Hà Nội": 18, "Hải Phòng": 4, "Đà Nẵng": 4, "Cần Thơ": 3}
PROVINCES: tuple[tuple[str, str], ...] = tuple(
    (name, _CCCD_CODES[name]) for name in (*_Address.cities, *_Address.provinces) if name in _CCCD_CODES
)
PROVINCE_CUM_WEIGHTS: tuple[float, ...] = tuple(
    sum(_PROVINCE_WEIGHT.get(name, 1.5) for name, _ in PROVINCES[: i + 1]) for i in range(len(PROVINCES))
)
#: Short codes for branch codes ("HCM012") and the city a merchant is in.
BRANCH_PREFIX = {"Hồ Chí Minh": "HCM", "Hà Nội": "HN", "Hải Phòng": "HP", "Đà Nẵng": "DN", "Cần Thơ": "CT"}

STREETS: tuple[str, ...] = tuple(_Address.streets)
WARDS: tuple[str, ...] = tuple(_Address.communes)

# Vietnamese mobile prefixes (Viettel, Vinaphone, Mobifone, Vietnamobile), without the trunk 0.
MOBILE_PREFIXES: tuple[str, ...] = (
    "32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98",
    "81", "82", "83", "84", "85", "88", "91", "94", "70", "76", "77", "78", "79", "89", "90", "93",
    "56", "58",
)  # fmt: skip
EMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
)

# Other banks, for transfers leaving ours (NAPAS short names).
OTHER_BANKS: tuple[str, ...] = (
    "VCB",
    "BIDV",
    "CTG",
    "TCB",
    "ACB",
    "MBB",
    "VPB",
    "TPB",
    "STB",
    "HDB",
    "VIB",
    "SHB",
)

#: (auth_method, description, security level 1..4): the catalogue the issue fixes.
AUTH_CATALOGUE: tuple[tuple[str, str, int], ...] = (
    ("password", "Password or PIN", 1),
    ("otp_sms", "One-time code by SMS", 2),
    ("otp_app", "One-time code from the bank's Smart OTP app", 3),
    ("biometric", "Fingerprint or face on an enrolled device", 3),
    ("digital_signature", "Digital signature certificate (organizations)", 4),
)

#: MCC, merchant name stem, median ticket in VND. Tickets differ by two orders of magnitude between a
#: coffee and a laptop, which matters for the amount distribution.
MCC_CATALOGUE: tuple[tuple[str, str, int], ...] = (
    ("5411", "Siêu thị", 180_000),
    ("5499", "Cửa hàng tiện lợi", 60_000),
    ("5812", "Nhà hàng", 250_000),
    ("5814", "Cà phê", 55_000),
    ("5541", "Cây xăng", 150_000),
    ("4900", "Điện lực / Cấp nước", 650_000),
    ("4814", "Viễn thông", 120_000),
    ("4121", "Gọi xe", 80_000),
    ("5311", "Trung tâm thương mại", 600_000),
    ("5732", "Điện máy", 4_500_000),
    ("5912", "Nhà thuốc", 150_000),
    ("5691", "Thời trang", 450_000),
    ("7011", "Khách sạn", 1_500_000),
    ("8220", "Học phí", 3_000_000),
    ("5999", "Cửa hàng", 300_000),
)
#: Utilities and school fees are paid at month end; the generator puts them there.
MONTH_END_MCCS = frozenset({"4900", "8220", "4814"})

MOBILE_OS: tuple[str, ...] = ("Android 14", "Android 13", "Android 12", "iOS 17", "iOS 18", "iOS 16")
DESKTOP_OS: tuple[str, ...] = ("Windows 11", "Windows 10", "macOS 14")
TABLET_OS: tuple[str, ...] = ("iPadOS 17", "Android 13")
