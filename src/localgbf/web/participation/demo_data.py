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


# The country's consultation on its (made-up) national targets, open in the demo. Texts given
# by the demo's Chinese bodies are in Chinese followed by their English version, as a bilingual
# submission would be. Evidence: (government, "target", plan version, target code),
# (government, "assessment", reference year), (government, "budget", version, action code, year).
CONSULTATION: dict[str, Any] = {
    "country": "CN",
    "title": (
        "Updating the national biodiversity targets: views of provinces, cities and networks",
        "国家生物多样性目标更新：征求省、市和网络意见",
    ),
    "questions": (
        "Which national targets does your plan already serve, and with what results?\n"
        "Which targets should be clearer for subnational governments to act on?\n"
        "What is missing from the national targets?",
        "贵方规划已服务于哪些国家目标，取得了哪些成效？\n"
        "哪些目标需要写得更清楚，便于地方政府落实？\n"
        "国家目标还缺少什么？",
    ),
    "opens_days_ago": 12,
    "open_for_days": 60,
    "inputs": [
        {
            "author": ("government", "CNKMG"),
            "target": "2",
            "stance": "change",
            "proposal": "到2030年，至少30%的退化森林、草原、湿地、河湖和海岸得到有效修复，"
            "高原湖泊湖滨带列为优先修复区域。\n\nBy 2030 at least 30% of degraded forests, "
            "grasslands, wetlands, rivers, lakes and coasts are under effective restoration, "
            "with the lakeshores of plateau lakes as priority areas.",
            "text": "滇池湖滨湿地修复（本市规划目标1.1）表明，高原湖泊湖滨带修复见效快、"
            "受益面广，建议在国家目标中写明并给出修复比例。\n\nThe restoration of the Dianchi "
            "lakeshore wetlands (target 1.1 of our plan) shows that plateau lakeshores respond "
            "quickly and benefit many people; we suggest naming them and giving a share.",
            "evidence": [("CNKMG", "target", 1, "1.1"), ("CNKMG", "assessment", 2020)],
            "response": (
                "partly",
                "采纳30%的目标值；高原湖泊湖滨带写入实施指南，不写入目标正文。\n\nThe 30% "
                "share is taken up; plateau lakeshores are named in the implementation "
                "guidance rather than in the target itself.",
            ),
        },
        {
            "author": ("government", "CNKMG"),
            "target": "12",
            "stance": "support",
            "proposal": "",
            "text": "本市规划目标3.2（500所学校开展自然教育）和城市自然挑战赛服务于该目标，"
            "支持保留。\n\nTarget 3.2 of our plan (nature education in 500 schools) and the "
            "City Nature Challenge serve this target; we support keeping it as it is.",
            "evidence": [("CNKMG", "target", 1, "3.2")],
            "response": ("accepted", "保留。\n\nKept as it is."),
        },
        {
            "author": ("government", "CNSZX"),
            "target": "",
            "stance": "new",
            "proposal": "到2030年，上市公司和大型企业披露其对生物多样性的影响和依赖。\n\n"
            "By 2030 listed and large companies disclose their impacts and dependencies on "
            "biodiversity.",
            "text": "深圳已要求上市公司披露生物多样性影响（本市规划目标3.1），建议增设对应的"
            "国家目标，与昆蒙框架行动目标15衔接。\n\nShenzhen already asks listed companies to "
            "disclose their impacts on biodiversity (target 3.1 of our plan); a national target "
            "would match KMGBF Target 15.",
            "evidence": [("CNSZX", "target", 1, "3.1")],
            "response": None,
        },
        {
            "author": ("organisation", "cn-cities-network"),
            "target": "8",
            "stance": "change",
            "proposal": "到2030年，城市居民300米见公园、500米见绿地的比例达到90%以上。\n\n"
            "By 2030 over 90% of urban residents live within 300 m of a park or 500 m of a "
            "green space.",
            "text": "网络成员昆明（规划目标2.1）和深圳（规划目标2.1）已采用“300米见园”指标，"
            "建议国家目标给出可测量的指标。\n\nMembers Kunming (target 2.1) and Shenzhen "
            "(target 2.1) already measure access within 300 m; we propose a measurable "
            "national indicator.",
            "evidence": [("CNKMG", "target", 1, "2.1"), ("CNSZX", "target", 1, "2.1")],
            "response": (
                "accepted",
                "采纳，作为目标8的主要指标。\n\nTaken up as the main indicator of target 8.",
            ),
        },
        {
            "author": ("organisation", "cn-cities-network"),
            "target": "11",
            "stance": "support",
            "proposal": "",
            "text": "成员城市用新加坡城市生物多样性指数开展自评估（如昆明2020年评估），支持"
            "将其作为目标11的工具。\n\nMember cities assess themselves with the Singapore Index "
            "(e.g. Kunming's 2020 application); we support naming it as a tool for target 11.",
            "evidence": [("CNKMG", "assessment", 2020)],
            "response": None,
        },
    ],
}

# A public consultation on Kunming's draft plan (version 2), with comments in each state.
PUBLIC: dict[str, Any] = {
    "government": "CNKMG",
    "introduction": (
        "The city is revising its biodiversity plan for 2026. Read the draft and tell us what "
        "you think of its targets and actions.",
        "本市正在修订生物多样性规划（2026年修订稿）。欢迎阅读草案，对目标和行动提出意见。",
    ),
    "opens_days_ago": 10,
    "open_for_days": 45,
    "comments": [
        {
            "subject": ("target", "1.1"),
            "name": "张敏",
            "email": "zhang.min@example.org",
            "language": "zh-hans",
            "text": "建议把捞鱼河湿地公园以南的湖滨带也纳入修复范围，那里每年冬天有很多水鸟。",
            "status": "published",
            "answer": "已采纳：修订稿目标1.1的修复范围增加了捞鱼河以南湖滨带。\n\nTaken up: the "
            "lakeshore south of the Laoyu River is now within target 1.1.",
            "led_to_change": True,
        },
        {
            "subject": ("action", "2.1.1"),
            "name": "Tom Baker",
            "email": "tom.baker@example.org",
            "language": "en",
            "text": "Pocket parks are welcome, but please plant native shrubs rather than lawns "
            "so that they also serve insects and birds.",
            "status": "published",
            "answer": "行动2.1.2已要求优先使用乡土植物，口袋公园同样适用。\n\nAction 2.1.2 "
            "already favours native plants; it applies to pocket parks too.",
            "led_to_change": False,
        },
        {
            "subject": None,
            "name": "李华",
            "email": "li.hua@example.org",
            "language": "zh-hans",
            "text": "希望规划公布每年的实施进展，方便市民监督。",
            "status": "published",
            "answer": "",
            "led_to_change": False,
        },
        {
            "subject": ("target", "3.2"),
            "name": "陈老师",
            "email": "chen.teacher@example.org",
            "language": "zh-hans",
            "text": "自然教育能否覆盖郊区县的乡村学校？",
            "status": "pending",
            "answer": "",
            "led_to_change": False,
        },
        {
            "subject": None,
            "name": "cheap-offers",
            "email": "offers@example.com",
            "language": "en",
            "text": "Best prices on garden furniture, visit our shop.",
            "status": "rejected",
            "answer": "",
            "led_to_change": False,
        },
    ],
}

# Notes from the network's staff to its members: (member, subject, text, language, reply).
# Subject: ("plan_version", number), ("commitment", None) for the member's first commitment,
# or None for the member's work as a whole.
SUPPORT_NOTES: list[dict[str, Any]] = [
    {
        "government": "CNKMG",
        "subject": ("plan_version", 1),
        "language": "zh-hans",
        "text": (
            "目标1.1的指标只统计了滇池流域的保护区面积。建议补充2020年的基线数值，"
            "并说明与国家目标一的对应关系，以便在全国磋商中引用。"
        ),
        "answered_by": "kunming.officer",
        "reply": (
            "谢谢。基线数值已从2020年新加坡指数评估中补入修订草案，"
            "与国家目标一的对应关系写在目标说明中。"
        ),
    },
    {
        "government": "CNSZX",
        "subject": ("commitment", None),
        "language": "en",
        "text": (
            "Your mangrove commitment has no progress indicator for 2025 yet. Members that "
            "report area restored in hectares each year are easier to add to the national "
            "roll-up; we can share the template Kunming uses."
        ),
        "reply": "",
        "answered_by": None,
    },
]

# Capacity the network offers a member, answering the member's need of that topic.
NETWORK_OFFERS: list[dict[str, Any]] = [
    {
        "organisation": "cn-cities-network",
        "government": "CNKMG",
        "need_topic": "monitoring",
        "title": (
            "eDNA sampling protocol and a partner laboratory for plateau lakes",
            "高原湖泊环境DNA采样规程及合作实验室",
        ),
        "description": (
            "The network's monitoring group shares a sampling protocol tested on Erhai and "
            "arranges sequencing with a partner laboratory for two seasons.",
            "网络监测工作组提供在洱海试用过的采样规程，并联系合作实验室完成两个季度的测序。",
        ),
        "languages": ["zh-hans", "en"],
        "contact": "monitoring@cities-network.example.org",
    },
]
