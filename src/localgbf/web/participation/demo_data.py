"""Demo organisations and CEPA activities (made up, in the shape of real ones).

The City Nature Challenge is a real yearly bioblitz in late April/early May
(https://www.citynaturechallenge.org); the Kunming entry, its figures and the other
activities here are demonstration data.
"""

from __future__ import annotations

from typing import Any

# code, kind, country, (en, zh), (description en, zh), staff username
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "code": "cn-cities-network",
        "kind": "network",
        "country": "CN",
        "name": ("Chinese Cities Biodiversity Network (demo)", "中国城市生物多样性网络（示例）"),
        "description": (
            "A network that helps its member cities write and carry out their biodiversity "
            "plans, run Singapore Index assessments and report their commitments.",
            "帮助成员城市编制和实施生物多样性规划、开展新加坡指数评估并报告承诺的城市网络。",
        ),
        "members": [
            ("CNKMG", ["plans", "assessments", "commitments"], "2022-12-15"),
            ("CNSZX", ["plans", "commitments"], "2023-03-01"),
            ("CNDLU", ["plans"], "2024-05-22"),
        ],
    },
    {
        "code": "cn-local-advisory",
        "kind": "advisory_local",
        "country": "CN",
        "name": (
            "Advisory Committee of Cities and Local Authorities on Biodiversity, China (demo)",
            "中国城市和地方政府生物多样性咨询委员会（示例）",
        ),
        "description": (
            "Gives the national focal point the views of cities and local authorities on the "
            "NBSAP, as decision 15/12 invites.",
            "依照第15/12号决定，向国家联络点反映城市和地方政府对国家生物多样性战略与行动计划的意见。",
        ),
        "members": [
            ("CNKMG", [], "2023-06-01"),
            ("CNSZX", [], "2023-06-01"),
            ("CNSHA", [], "2023-06-01"),
        ],
    },
]

NETWORK_STAFF = ("network.staff", "Sofia", "Lin", "cn-cities-network", "admin")

# government, kind, (title en, zh), (description en, zh), start, end, audience, reach,
# languages, plan action codes, KMGBF target codes, url
CEPA: list[dict[str, Any]] = [
    {
        "government": "CNKMG",
        "kind": "bioblitz",
        "title": ("City Nature Challenge 2025: Kunming", "2025城市自然挑战赛：昆明"),
        "description": (
            "Four days of recording wild plants and animals with iNaturalist across the city, "
            "with guided walks at Dianchi and the Western Hills.",
            "四天内通过iNaturalist记录全市野生动植物，并在滇池和西山开展导览观察。",
        ),
        "start": "2025-04-25",
        "end": "2025-04-28",
        "audience": "public",
        "reach": 1260,
        "languages": ["zh-hans", "en"],
        "actions": ["3.1.1"],
        "targets": ["21", "20"],
        "url": "https://www.citynaturechallenge.org/",
    },
    {
        "government": "CNKMG",
        "kind": "school",
        "title": ("Nature schools: spring term 2025", "自然学校：2025年春季学期"),
        "description": (
            "Weekly field lessons in twelve primary schools, with the COP15 legacy partners.",
            "与COP15遗产伙伴合作，在十二所小学每周开展户外自然课。",
        ),
        "start": "2025-03-03",
        "end": "2025-06-27",
        "audience": "schools",
        "reach": 3400,
        "languages": ["zh-hans"],
        "actions": ["3.2.1"],
        "targets": ["21"],
        "url": "",
    },
    {
        "government": "CNKMG",
        "kind": "event",
        "title": ("International Day for Biological Diversity 2025", "2025年国际生物多样性日"),
        "description": (
            "An open day at the Kunming Botanical Garden with the draft plan on display.",
            "在昆明植物园举办开放日，展示规划草案。",
        ),
        "start": "2025-05-22",
        "end": None,
        "audience": "public",
        "reach": 5200,
        "languages": ["zh-hans", "en"],
        "actions": [],
        "targets": ["21", "22"],
        "url": "",
    },
    {
        "government": "CNSZX",
        "kind": "campaign",
        "title": ("Birds of Shenzhen Bay: winter campaign", "深圳湾鸟类冬季宣传活动"),
        "description": (
            "Posters, metro screens and guided watches on the migratory birds of Shenzhen Bay.",
            "通过海报、地铁屏幕和观鸟导览宣传深圳湾的候鸟。",
        ),
        "start": "2024-11-01",
        "end": "2025-02-28",
        "audience": "public",
        "reach": 48000,
        "languages": ["zh-hans"],
        "actions": [],
        "targets": ["21"],
        "url": "",
    },
]
