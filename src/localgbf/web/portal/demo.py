"""The public face of the demo governments: an introduction in both languages, the seat of
government (so the maps show every government before boundaries are uploaded), the licence of
their open data, and the map layers of the demo's protected areas and parks.

Seats are the approximate locations of the government offices (public facts, rounded); the
introductions describe real places in a few words; everything else on the demo is made up.
"""

from __future__ import annotations

from decimal import Decimal

from localgbf.web.core.demo import DemoContext
from localgbf.web.governments.models import Government
from localgbf.web.portal.maplayers import build_layer, missing_layers
from localgbf.web.portal.models import PublicProfile

# code, latitude, longitude, introduction in English, introduction in Chinese
PROFILES = [
    (
        "CN",
        "39.9042",
        "116.4074",
        "China's national biodiversity strategy sets the national targets that the plans of its "
        "provinces and cities align to. This page shows what those plans cover, together.",
        "中国的国家生物多样性战略确定了国家目标，各省、市的规划与之对接。本页汇总展示这些规划共同覆盖的内容。",
    ),
    (
        "CN-YN",
        "25.0453",
        "102.7097",
        "Yunnan, in China's south-west, reaches from tropical forests on the Mekong to the "
        "glaciers of the Hengduan Mountains, and holds more plant and animal species than any "
        "other province of China.",
        "云南位于中国西南，从湄公河畔的热带森林一直延伸到横断山脉的冰川，是中国动植物物种最丰富的省份。",
    ),
    (
        "CN-GD",
        "23.1317",
        "113.2663",
        "Guangdong, on the South China Sea, spans the Pearl River delta, its mangroves and "
        "estuaries, and the forested hills of the north.",
        "广东濒临南海，涵盖珠江三角洲、红树林与河口湿地以及北部的森林丘陵。",
    ),
    (
        "CNKMG",
        "24.8800",
        "102.8330",
        "Kunming, the Spring City, lies at about 1,900 m on the Yunnan plateau, on the northern "
        "shore of Lake Dianchi. It hosted the first part of COP15 in 2021, where the Kunming "
        "Declaration was adopted.",
        "昆明被誉为“春城”，位于海拔约1900米的云南高原、滇池北岸。2021年，《生物多样性公约》第十五次缔约方大会第一阶段会议在此举行，通过了《昆明宣言》。",
    ),
    (
        "CNDLU",
        "25.5916",
        "100.2300",
        "Dali lies between the Cangshan mountains and Erhai Lake, whose water quality and "
        "shoreline wetlands are at the heart of its plan.",
        "大理位于苍山与洱海之间，洱海水质和湖滨湿地是其规划的核心。",
    ),
    (
        "CNSZX",
        "22.5431",
        "114.0579",
        "Shenzhen, on the Pearl River estuary, keeps the Futian mangroves on Shenzhen Bay in the "
        "middle of one of the world's densest cities.",
        "深圳地处珠江口，在世界上人口最稠密的城市之一中保有深圳湾畔的福田红树林。",
    ),
    (
        "CNCAN",
        "23.1253",
        "113.2644",
        "Guangzhou, the capital of Guangdong, stretches from the Pearl River to the forested "
        "hills of Conghua in the north.",
        "广州是广东省会，从珠江一直延伸到北部从化的森林丘陵。",
    ),
    (
        "CNSHA",
        "31.2304",
        "121.4737",
        "Shanghai, at the mouth of the Yangtze, protects the Chongming Dongtan wetlands, a "
        "stopover of the East Asian–Australasian flyway for migratory birds.",
        "上海位于长江入海口，保护着崇明东滩湿地——东亚—澳大利西亚候鸟迁飞路线上的重要停歇地。",
    ),
]


def build(ctx: DemoContext) -> None:
    for code, lat, lon, en, zh in PROFILES:
        government = Government.objects.filter(code=code).first()
        if government is None:
            continue
        PublicProfile.objects.update_or_create(
            government=government,
            defaults={
                "introduction": {"en": en, "zh-hans": zh},
                "seat_latitude": Decimal(lat),
                "seat_longitude": Decimal(lon),
                "data_licence": "CC-BY-4.0",
            },
        )
    for dataset in missing_layers():
        if dataset.government.is_demo:
            ctx.objects[f"map_layer:{dataset.pk}"] = build_layer(dataset)
