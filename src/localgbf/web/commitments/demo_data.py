"""Content of the commitments demo. Everything here is made up to show how localgbf works: the
commitments, figures, contacts (office names, addresses and e-mail addresses on the reserved
`.example` domain) and reviewers' comments. Place names and institutions are real so that the
examples read naturally."""

from __future__ import annotations

from typing import Any

# The official contact for CBD submissions of each demo government: an office, not a user.
CONTACTS: dict[str, dict[str, Any]] = {
    "CNKMG": {
        "first_name": "Hong",
        "last_name": "Yang",
        "designation": ("Director, Biodiversity Division", "生物多样性处处长"),
        "department": ("Kunming Ecology and Environment Bureau", "昆明市生态环境局"),
        "organization": ("Kunming Municipal People's Government", "昆明市人民政府"),
        "organization_acronym": None,
        "address": ("1 Demo Road, Chenggong District", "呈贡区示例路1号"),
        "city": ("Kunming", "昆明市"),
        "state": ("Yunnan Province", "云南省"),
        "postal_code": "650500",
        "emails": ["biodiversity@kunming.example"],
        "phones": ["+86 871 0000 0000"],
        "websites": ["https://kunming.example/biodiversity"],
    },
    "CNSZX": {
        "first_name": "Min",
        "last_name": "Lin",
        "designation": ("Head of Nature Conservation", "自然保护科科长"),
        "department": ("Shenzhen Planning and Natural Resources Bureau", "深圳市规划和自然资源局"),
        "organization": ("Shenzhen Municipal People's Government", "深圳市人民政府"),
        "organization_acronym": None,
        "address": ("8 Demo Avenue, Futian District", "福田区示例大道8号"),
        "city": ("Shenzhen", "深圳市"),
        "state": ("Guangdong Province", "广东省"),
        "postal_code": "518000",
        "emails": ["nature@shenzhen.example"],
        "phones": [],
        "websites": [],
    },
    "CN-YN": {
        "first_name": "Jun",
        "last_name": "He",
        "designation": ("Deputy Director", "副主任"),
        "department": ("Yunnan Forestry and Grassland Bureau", "云南省林业和草原局"),
        "organization": ("Yunnan Provincial People's Government", "云南省人民政府"),
        "organization_acronym": None,
        "address": ("3 Demo Street, Wuhua District, Kunming", "昆明市五华区示例街3号"),
        "city": ("Kunming", "昆明市"),
        "state": ("Yunnan Province", "云南省"),
        "postal_code": "650000",
        "emails": ["cbd@yunnan.example"],
        "phones": [],
        "websites": [],
    },
    "CNSHA": {
        "first_name": "Wen",
        "last_name": "Xu",
        "designation": ("Programme Officer, Wetlands and Birds", "湿地与鸟类项目主管"),
        "department": ("Shanghai Forestry Bureau", "上海市林业局"),
        "organization": ("Shanghai Municipal People's Government", "上海市人民政府"),
        "organization_acronym": None,
        "address": ("5 Demo Road, Huangpu District", "黄浦区示例路5号"),
        "city": ("Shanghai", "上海市"),
        "state": ("Shanghai", "上海市"),
        "postal_code": "200000",
        "emails": ["wetlands@shanghai.example"],
        "phones": [],
        "websites": [],
    },
}

# Texts completing the commitments drafted from the plans (the plan gives title, KPIs and
# alignment; the officer writes the rest).
COMPLETIONS: dict[str, dict[str, Any]] = {
    "kunming-wetlands": {
        "title": (
            "Restore 1,200 ha of Dianchi lakeshore wetland by 2030",
            "到2030年修复1200公顷滇池湖滨湿地",
        ),
        "description": (
            "Kunming restores the lakeshore wetlands of Dianchi Lake, the largest plateau lake of "
            "Yunnan: farmland and fish ponds along the shore return to reed beds and shallow "
            "water, invasive water hyacinth is removed, and the restored belt is managed with "
            "the villages around it.\n\nThe work addresses the main drivers of wetland loss at "
            "Dianchi: land conversion on the shore and nutrient pollution from farms and towns.",
            "昆明市修复云南最大的高原湖泊滇池的湖滨湿地：沿岸农田和鱼塘恢复为芦苇荡和浅水区，"
            "清除外来入侵的凤眼莲，并与周边村庄共同管护修复后的湿地带。\n\n"
            "这项工作针对滇池湿地丧失的主要驱动因素：湖岸土地转用以及来自农业和城镇的营养盐污染。",
        ),
        "partners": ("Yunnan University, Kunming", "云南大学（昆明）"),
        "progress_information": (
            "Area restored and bird counts published every year in the city's environment "
            "bulletin.",
            "每年在全市环境状况公报中公布修复面积和鸟类调查结果。",
        ),
        "progress_tracking_url": "https://kunming.example/dianchi-wetlands",
        "is_funding_sufficient": True,
        "international_frameworks": (
            "Ramsar Convention on Wetlands; SDG 6 and SDG 15",
            "《湿地公约》；可持续发展目标6和15",
        ),
    },
    "kunming-parks": {
        "title": (
            "Parks within 300 m of 95% of Kunming's residents",
            "95%的昆明市民出行300米可达公园",
        ),
        "description": (
            "Pocket parks, greenways and the opening of unit compounds' green space bring a park "
            "within 300 m of nearly every resident of the central districts, planted with native "
            "species of the Yunnan plateau.",
            "通过建设口袋公园、绿道和开放单位附属绿地，使中心城区几乎所有居民出行300米即可到达"
            "公园，并种植云南高原本土植物。",
        ),
        "partners": (
            "Kunming Institute of Botany, Chinese Academy of Sciences",
            "中国科学院昆明植物研究所",
        ),
        "progress_information": (
            "The share of residents served is recomputed each year from the park map and the "
            "population grid.",
            "每年根据公园分布图和人口网格重新计算覆盖居民比例。",
        ),
        "progress_tracking_url": "",
        "is_funding_sufficient": False,
        "international_frameworks": None,
    },
    "shenzhen-mangroves": {
        "title": (
            "Mangroves of Shenzhen Bay cover 400 ha by 2030",
            "到2030年深圳湾红树林面积达到400公顷",
        ),
        "description": (
            "Shenzhen restores mangroves in Futian and along Shenzhen Bay, where aquaculture "
            "ponds and reclaimed land once replaced them, and opens part of the restored coast "
            "to visitors under a nature-education programme.",
            "深圳在福田及深圳湾沿岸修复曾被养殖塘和填海土地取代的红树林，"
            "并在自然教育项目下向公众开放部分修复岸段。",
        ),
        "partners": ("Mangrove Conservation Foundation (MCF), Shenzhen", "红树林基金会（深圳）"),
        "progress_information": (
            "Mangrove area mapped each year from aerial images; results on the bureau's website.",
            "每年利用航拍影像测绘红树林面积，结果在主管部门网站公布。",
        ),
        "progress_tracking_url": "https://shenzhen.example/mangroves",
        "is_funding_sufficient": False,
        "international_frameworks": None,
    },
    "yunnan-elephants": {
        "title": (
            "Asian elephants and people live safely side by side in Yunnan",
            "云南亚洲象与人类安全共处",
        ),
        "description": (
            "An early-warning network tells villages in Xishuangbanna and Pu'er where elephant "
            "herds are, and food bases and corridors keep the herds away from fields and houses.",
            "预警网络向西双版纳和普洱的村庄通报象群位置，并通过食源地和廊道建设使象群远离农田和房屋。",
        ),
        "partners": ("Xishuangbanna National Nature Reserve", "西双版纳国家级自然保护区"),
        "primary_global": "4",
        "progress_information": (
            "Herd counts and conflict incidents reported every year.",
            "每年报告象群数量和冲突事件。",
        ),
        "progress_tracking_url": "",
        "is_funding_sufficient": True,
        "international_frameworks": None,
    },
    "shanghai-shorebirds": {
        "title": (
            "Shorebird habitat of Chongming Dongtan is protected and managed",
            "崇明东滩鸻鹬类栖息地得到保护和管理",
        ),
        "description": (
            "Shanghai manages the tidal flats and high-tide roosts of Chongming Dongtan for the "
            "shorebirds of the East Asian–Australasian Flyway: invasive cordgrass is controlled "
            "and roosts are kept free of disturbance in the migration seasons.",
            "上海为东亚—澳大利西亚迁飞区的鸻鹬类管理崇明东滩的滩涂和高潮位栖息地：控制外来入侵的"
            "互花米草，并在迁徙季节保持栖息地不受干扰。",
        ),
        "partners": ("East Asian–Australasian Flyway Partnership", "东亚—澳大利西亚迁飞区伙伴关系"),
        "primary_global": "3",
        "progress_information": (
            "Monthly high-tide counts, summarised each year.",
            "每月高潮位调查，逐年汇总。",
        ),
        "progress_tracking_url": "",
        "is_funding_sufficient": True,
        "international_frameworks": ("Ramsar Convention on Wetlands", "《湿地公约》"),
    },
}

# A KPI for a target that has none in the plan.
SHANGHAI_KPI = {
    "code": "K1",
    "title": ("Shorebirds counted at high tide (spring peak)", "高潮位鸻鹬类数量（春季峰值）"),
    "unit": "birds",
    "baseline_value": "25000",
    "baseline_year": 2022,
    "target_value": "30000",
    "deadline": "2030-12-31",
}

SHANGHAI_V2_DESCRIPTION_ADDITION = (
    "\n\nFrom 2026 the commitment also restores 200 ha of saltmarsh where cordgrass was removed.",
    "\n\n自2026年起，本承诺还将在清除互花米草的区域修复200公顷盐沼。",
)

# Progress per commitment: period, level, narrative, {KPI code: value}.
REPORTS: dict[str, list[dict[str, Any]]] = {
    "kunming-wetlands": [
        {
            "period": ("2024-01-01", "2024-12-31"),
            "level": "on_track",
            "narrative": (
                "520 ha of shore farmland and ponds were returned to wetland in 2024; grebes and "
                "purple herons bred on the restored belt for the first time.",
                "2024年共有520公顷沿岸农田和鱼塘退还为湿地；䴙䴘和草鹭首次在修复带繁殖。",
            ),
            "values": {"K1": "3820"},
        },
        {
            "period": ("2025-01-01", "2025-12-31"),
            "level": "on_track",
            "narrative": (
                "190 ha more in 2025. Water hyacinth stayed below 5% of the restored open water.",
                "2025年新增190公顷。修复水面中凤眼莲覆盖率保持在5%以下。",
            ),
            "values": {"K1": "4010"},
        },
    ],
    "kunming-parks": [
        {
            "period": ("2025-01-01", "2025-12-31"),
            "level": "insufficient_rate",
            "narrative": (
                "46 pocket parks opened; the share of residents served rose from 85% to 88%, "
                "slower than planned because two greenway sections were delayed.",
                "新建口袋公园46个；覆盖居民比例由85%升至88%，因两段绿道推迟，进度慢于计划。",
            ),
            "values": {"K1": "88"},
        }
    ],
    "shenzhen-mangroves": [
        {
            "period": ("2025-01-01", "2025-12-31"),
            "level": "on_track",
            "narrative": (
                "Mangroves covered 352 ha in 2025, after planting in the Futian ponds.",
                "福田鱼塘补种后，2025年红树林面积达到352公顷。",
            ),
            "values": {"K1": "352"},
        }
    ],
    "yunnan-elephants": [
        {
            "period": ("2025-01-01", "2025-12-31"),
            "level": "on_track",
            "narrative": (
                "About 310 elephants counted; no person was killed by an elephant in 2025.",
                "监测到约310头亚洲象；2025年未发生亚洲象致人死亡事件。",
            ),
            "values": {"K1": "310"},
        }
    ],
    "shanghai-shorebirds": [
        {
            "period": ("2024-01-01", "2024-12-31"),
            "level": "on_track_to_exceed",
            "narrative": (
                "The spring peak reached 28,400 shorebirds at high tide.",
                "春季高潮位鸻鹬类数量峰值达到28400只。",
            ),
            "values": {"K1": "28400"},
        }
    ],
}

RETURN_COMMENT = (
    "Please name the national target the food bases serve (national target 4 or 2) and say how "
    "the early-warning data are published; the ORT will ask for both. 请注明食源地建设对应的"
    "国家目标，并说明预警数据的公开方式。"
)

EVIDENCE_CSV = (
    b"year,restored_ha,source\n2024,3820,Kunming Dianchi Administration survey (demonstration)\n"
)
