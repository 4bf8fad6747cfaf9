"""Demo governments and personas: China, two provinces and five cities.

Names, codes (ISO 3166 / UN/LOCODE), populations (2023 statistical yearbooks, rounded) and areas
are public facts; the accounts and everything later builders add are made up.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from localgbf.web.core.demo import DEMO_PASSWORD, DemoContext
from localgbf.web.governments.models import Government, GovernmentKind, Membership, Role

# code, kind, parent, en, zh-hans, ISO 3166, population, population year, area km²
GOVERNMENTS = [
    ("CN", "country", None, "China", "中国", "CN", 1_409_670_000, 2023, "9600000"),
    ("CN-YN", "region", "CN", "Yunnan Province", "云南省", "CN-YN", 46_730_000, 2023, "394100"),
    ("CN-GD", "region", "CN", "Guangdong Province", "广东省", "CN-GD", 127_060_000, 2023, "179800"),
    ("CNKMG", "city", "CN-YN", "Kunming", "昆明市", "", 8_680_000, 2023, "21012"),
    ("CNDLU", "city", "CN-YN", "Dali", "大理市", "", 780_000, 2023, "1815"),
    ("CNSZX", "city", "CN-GD", "Shenzhen", "深圳市", "", 17_790_000, 2023, "1997"),
    ("CNCAN", "city", "CN-GD", "Guangzhou", "广州市", "", 18_830_000, 2023, "7434"),
    ("CNSHA", "city", "CN", "Shanghai", "上海市", "CN-SH", 24_870_000, 2023, "6341"),
]

# username, first name, last name, role, government code (None: platform-wide)
PERSONAS = [
    ("kunming.officer", "Li", "Na", Role.OFFICER, "CNKMG"),
    ("yunnan.officer", "Zhang", "Wei", Role.OFFICER, "CN-YN"),
    ("china.reviewer", "Wang", "Fang", Role.REVIEWER, "CN"),
    ("kunming.viewer", "Chen", "Jing", Role.VIEWER, "CNKMG"),
    ("network.admin", "Alex", "Moreau", Role.NETWORK_ADMIN, None),
]


def build(ctx: DemoContext) -> None:
    for code, kind, parent, en, zh, iso, population, year, area in GOVERNMENTS:
        government, _ = Government.objects.update_or_create(
            code=code,
            defaults={
                "kind": GovernmentKind(kind),
                "parent": Government.objects.get(code=parent) if parent else None,
                "name": {"en": en, "zh-hans": zh},
                "iso_3166": iso,
                "population": population,
                "population_year": year,
                "area_km2": Decimal(area),
                "is_demo": True,
            },
        )
        ctx.objects[f"government:{code}"] = government

    User = get_user_model()
    for username, first, last, role, code in PERSONAS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": role == Role.NETWORK_ADMIN,
                "is_superuser": role == Role.NETWORK_ADMIN,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        government = Government.objects.get(code=code) if code else None
        Membership.objects.get_or_create(user=user, government=government, role=role)
        ctx.objects[f"user:{username}"] = user
        ctx.accounts.append((username, str(Role(role).label), code or "platform"))
