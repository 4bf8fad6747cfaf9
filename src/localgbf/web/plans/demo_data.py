"""Content of the plans demo: made-up national targets, plans, budgets and capacity exchanges.

Everything here is demonstration data. Place names, institutions and species are real so that
the examples read naturally; the targets, figures, budgets and dates are invented, and every
page of a demo government says so. China's real NBSAP (2023-2030) is not reproduced here.
"""

from __future__ import annotations

from typing import Any

DEMO_NOTE = {
    "en": (
        "Demonstration data: these national targets were made up to show how localgbf works; "
        "they are not China's official NBSAP targets."
    ),
    "zh-hans": (
        "演示数据：这些国家目标为展示 localgbf 的功能而编写，"
        "并非中国官方的国家生物多样性战略与行动计划目标。"
    ),
}


def nt(code: str, en: str, zh: str, targets: dict[str, str], goals: str = "") -> dict[str, Any]:
    return {"code": code, "en": en, "zh": zh, "targets": targets, "goals": goals}


NATIONAL_CURRENT = [
    nt(
        "1",
        "Biodiversity-inclusive spatial planning and ecological conservation redlines",
        "全域国土空间规划纳入生物多样性，落实生态保护红线",
        {"1": "high", "3": "low"},
        "A",
    ),
    nt(
        "2",
        "Restore degraded forests, grasslands, wetlands, rivers, lakes and coasts",
        "修复退化的森林、草原、湿地、河湖和海岸",
        {"2": "high"},
        "A",
    ),
    nt(
        "3",
        "A protected-area system centred on national parks covers key ecosystems",
        "建立以国家公园为主体的自然保护地体系，覆盖重要生态系统",
        {"3": "high"},
        "A",
    ),
    nt(
        "4",
        "Threatened species recover and human-wildlife conflict is managed",
        "珍稀濒危物种得到恢复，人与野生动物冲突得到有效管理",
        {"4": "high", "9": "low"},
        "A",
    ),
    nt("5", "Prevent and control invasive alien species", "防控外来入侵物种", {"6": "high"}, "A"),
    nt(
        "6",
        "Reduce pollution of rivers and lakes from towns and farms",
        "减少城镇和农业对河流湖泊的污染",
        {"7": "medium"},
        "A",
    ),
    nt(
        "7",
        "Nature-based solutions for climate adaptation and mitigation",
        "以基于自然的解决方案应对气候变化",
        {"8": "medium", "11": "low"},
        "B",
    ),
    nt(
        "8",
        "More and better green and blue spaces in cities and villages",
        "增加和提升城乡绿色和蓝色空间",
        {"12": "high"},
        "B",
    ),
    nt(
        "9",
        "Biodiversity is mainstreamed into sectors, business and decisions",
        "将生物多样性纳入各部门、企业和决策主流",
        {"14": "high", "15": "low"},
        "B",
    ),
    nt(
        "10",
        "Mobilise finance for biodiversity from all sources",
        "从各种来源调动生物多样性资金",
        {"19": "medium"},
        "",
    ),
    nt(
        "11",
        "Monitoring, data and knowledge support decisions",
        "监测、数据和知识为决策提供支撑",
        {"21": "high"},
        "",
    ),
    nt(
        "12",
        "Everyone can take part: awareness, education and participation",
        "全民参与：宣传、教育和公众参与",
        {"22": "medium", "16": "low"},
        "",
    ),
]

NATIONAL_PREVIOUS = [
    nt(
        "1",
        "Integrate biodiversity into spatial planning",
        "将生物多样性纳入空间规划",
        {"1": "medium"},
    ),
    nt("2", "Restore degraded ecosystems", "修复退化生态系统", {"2": "high"}),
    nt("3", "Expand nature reserves", "扩大自然保护区", {"3": "medium"}),
    nt("4", "Protect threatened species", "保护珍稀濒危物种", {"4": "medium"}),
    nt("8", "Urban green spaces", "城市绿地", {"12": "medium"}),
    nt("11", "Biodiversity surveys and monitoring", "生物多样性调查与监测", {"21": "medium"}),
]

# year -> (USD, EUR) in CNY; rounded demonstration figures.
RATES = {2024: ("7.19", "7.79"), 2025: ("7.18", "7.90"), 2026: ("7.10", "7.95")}


def b(year: int, amount: str, currency: str, source: str, status: str, note: str = "") -> tuple:
    return (year, amount, currency, source, status, note)


def act(code: str, en: str, zh: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "en": en, "zh": zh, **fields}


def tgt(code: str, en: str, zh: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "en": en, "zh": zh, **fields}


def goal(code: str, en: str, zh: str, targets: list[dict[str, Any]]) -> dict[str, Any]:
    return {"code": code, "en": en, "zh": zh, "targets": targets}


KUNMING = {
    "title": (
        "Kunming Biodiversity Strategy and Action Plan 2021–2030",
        "昆明市生物多样性保护战略与行动计划（2021—2030年）",
    ),
    "period": (2021, 2030),
    "adopted": ("2022-05-22", ("Kunming Municipal People's Government", "昆明市人民政府")),
    "team": (
        "Kunming Ecology and Environment Bureau (coordination), with the Dianchi "
        "Administration, the Forestry and Grassland Bureau, the Natural Resources and Planning "
        "Bureau, the Kunming Institute of Botany and Yunnan University. Residents, schools and "
        "businesses were consulted in 2021.",
        "昆明市生态环境局牵头，滇池管理局、林业和草原局、自然资源和规划局、中国科学院昆明植物研究所和"
        "云南大学参与编制。2021年征求了市民、学校和企业的意见。",
    ),
    "assessment": (
        "Kunming lies on the Yunnan–Guizhou plateau at about 1,900 m. Dianchi, the "
        "largest lake of the province, lost much of its lakeshore wetland to farmland "
        "and building before 2000 and suffered algal blooms; restoration since 2008 has "
        "brought back reed beds and water birds. Forests on the Western Hills and in "
        "the north hold most native species. Pressures: urban growth, nutrient runoff "
        "and invasive plants such as water hyacinth.",
        "昆明地处云贵高原，海拔约1900米。滇池是云南最大的湖泊，2000年前大量湖滨湿地被农田和"
        "建设占用，并出现蓝藻水华；2008年以来的修复使芦苇湿地和水鸟逐步恢复。西山和北部山区的森林"
        "保存了大部分本地物种。主要压力包括城市扩张、营养盐流失以及凤眼莲（水葫芦）等外来入侵植物。",
    ),
    "vision": (
        "A Spring City where plateau lakes, forests and people thrive together.",
        "高原湖泊、森林与人和谐共生的春城。",
    ),
    "principles": (
        "Protection first; restore what was lost; nature for everyone; decisions based "
        "on evidence.",
        "保护优先；修复受损生态；自然惠及人人；基于证据决策。",
    ),
    "implementation": (
        "The Ecology and Environment Bureau coordinates and reports each year to the "
        "Municipal People's Congress. Progress is monitored with the indicators of "
        "each target and a Singapore Index self-assessment every three years; the "
        "plan is reviewed in 2026.",
        "由市生态环境局统筹协调，每年向市人民代表大会报告。通过各目标指标和每三年一次的新加坡"
        "城市生物多样性指数自评估监测进展；计划于2026年开展中期评估。",
    ),
    "documents": [
        (
            ("Plan text (PDF)", "计划文本（PDF）"),
            "https://example.org/kunming-bsap-2021.pdf",
            "zh-hans",
        )
    ],
    "goals": [
        goal(
            "G1",
            "Dianchi Lake and the plateau wetlands are healthy",
            "滇池及高原湿地生态健康",
            [
                tgt(
                    "1.1",
                    "Restore the lakeshore wetlands of Dianchi",
                    "恢复滇池湖滨湿地",
                    indicator=("Area of restored lakeshore wetland", "已修复湖滨湿地面积"),
                    unit="ha",
                    baseline="3300",
                    baseline_year=2020,
                    target="4500",
                    deadline="2030-12-31",
                    nt={"2": "high"},
                    actions=[
                        act(
                            "1.1.1",
                            "Restore wetland along the Dianchi shore",
                            "实施滇池湖滨湿地修复工程",
                            responsible=("Dianchi Administration", "昆明市滇池管理局"),
                            partners=("Yunnan University", "云南大学"),
                            start="2022-01-01",
                            end="2027-12-31",
                            status="in_progress",
                            sectors=["water", "urban_planning"],
                            nt={"2": "high"},
                            gt={"2": "high"},
                            place=("Dianchi lakeshore", "滇池湖滨"),
                            lat="24.8400",
                            lon="102.6900",
                            budget=[
                                b(2025, "120000000", "CNY", "own_budget", "secured"),
                                b(2026, "80000000", "CNY", "national_transfer", "planned"),
                            ],
                        ),
                        act(
                            "1.1.2",
                            "Remove water hyacinth and other invasive plants",
                            "清除凤眼莲等外来入侵植物",
                            responsible=("Dianchi Administration", "昆明市滇池管理局"),
                            start="2021-03-01",
                            status="ongoing",
                            sectors=["water"],
                            nt={"5": "high"},
                            budget=[b(2025, "8000000", "CNY", "own_budget", "spent")],
                        ),
                    ],
                ),
                tgt(
                    "1.2",
                    "Dianchi's outer lake reaches water-quality class IV",
                    "滇池外海水质达到IV类",
                    indicator=("Water-quality class of the outer lake", "滇池外海水质类别"),
                    unit="class",
                    baseline="5",
                    baseline_year=2020,
                    target="4",
                    deadline="2030-12-31",
                    nt={"6": "medium"},
                    actions=[
                        act(
                            "1.2.1",
                            "Intercept lakeside sewage and cut farm runoff",
                            "截污治污，减少农业面源污染",
                            responsible=("Kunming Water Bureau", "昆明市水务局"),
                            start="2021-01-01",
                            end="2030-12-31",
                            status="in_progress",
                            sectors=["water", "agriculture"],
                            budget=[
                                b(2025, "200000000", "CNY", "own_budget", "secured"),
                                b(2026, "150000000", "CNY", "own_budget", "planned"),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G2",
            "The Spring City's green spaces serve people and nature",
            "春城绿色空间惠及人与自然",
            [
                tgt(
                    "2.1",
                    "95% of residents live within 300 m of a park",
                    "95%的居民出行300米可达公园",
                    indicator=(
                        "Share of residents within 300 m of a park",
                        "公园300米服务半径覆盖的居民比例",
                    ),
                    unit="%",
                    baseline="85",
                    baseline_year=2020,
                    target="95",
                    deadline="2030-12-31",
                    nt={"8": "high"},
                    gt={"12": "high"},
                    actions=[
                        act(
                            "2.1.1",
                            "Build pocket parks and greenways",
                            "建设口袋公园和绿道",
                            responsible=(
                                "Kunming Landscape and Greening Bureau",
                                "昆明市园林绿化局",
                            ),
                            start="2023-01-01",
                            end="2026-12-31",
                            status="in_progress",
                            sectors=["urban_planning", "infrastructure", "health"],
                            budget=[
                                b(2025, "50000000", "CNY", "own_budget", "secured"),
                                b(2026, "60000000", "CNY", "own_budget", "planned"),
                            ],
                        ),
                        act(
                            "2.1.2",
                            "Plant native species in city greening",
                            "城市绿化优先使用乡土植物",
                            responsible=(
                                "Kunming Landscape and Greening Bureau",
                                "昆明市园林绿化局",
                            ),
                            partners=(
                                "Kunming Institute of Botany, CAS",
                                "中国科学院昆明植物研究所",
                            ),
                            start="2024-01-01",
                            status="planned",
                            sectors=["urban_planning"],
                            nt={"8": "medium"},
                            gt={"12": "medium"},
                            budget=[b(2026, "2000000", "CNY", "own_budget", "planned")],
                        ),
                    ],
                ),
                tgt(
                    "2.2",
                    "Welcome the wintering black-headed gulls",
                    "做好越冬红嘴鸥的保护和管理",
                    local_only=True,
                    actions=[
                        act(
                            "2.2.1",
                            "Gull feeding guidelines and winter counts",
                            "制定红嘴鸥投喂指引并开展越冬数量调查",
                            responsible=(
                                "Kunming Forestry and Grassland Bureau",
                                "昆明市林业和草原局",
                            ),
                            start="2021-11-01",
                            status="ongoing",
                            sectors=["tourism"],
                            local_only=True,
                            budget=[b(2025, "500000", "CNY", "own_budget", "spent")],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G3",
            "Knowledge and participation",
            "知识与参与",
            [
                tgt(
                    "3.1",
                    "A citywide biodiversity survey and monitoring network",
                    "建立全市生物多样性调查和监测网络",
                    indicator=("Monitoring sites reporting every year", "每年报送数据的监测点数量"),
                    unit="sites",
                    baseline="12",
                    baseline_year=2021,
                    target="60",
                    deadline="2028-12-31",
                    nt={"11": "high"},
                    actions=[
                        act(
                            "3.1.1",
                            "Baseline survey of the city's biodiversity, with eDNA",
                            "开展全市生物多样性本底调查（含环境DNA）",
                            responsible=(
                                "Kunming Ecology and Environment Bureau",
                                "昆明市生态环境局",
                            ),
                            partners=("Yunnan University", "云南大学"),
                            start="2024-01-01",
                            end="2026-06-30",
                            status="in_progress",
                            sectors=["education"],
                            areas=[6],
                            budget=[
                                b(
                                    2025,
                                    "400000",
                                    "USD",
                                    "international",
                                    "secured",
                                    "International grant",
                                ),
                                b(2026, "6000000", "CNY", "own_budget", "planned"),
                            ],
                        ),
                        act(
                            "3.1.2",
                            "Singapore Index self-assessment every three years",
                            "每三年开展一次新加坡城市生物多样性指数自评估",
                            responsible=(
                                "Kunming Ecology and Environment Bureau",
                                "昆明市生态环境局",
                            ),
                            start="2025-01-01",
                            status="planned",
                            nt={"11": "medium"},
                            areas=[6, 7],
                            budget=[b(2025, "300000", "CNY", "own_budget", "secured")],
                        ),
                    ],
                ),
                tgt(
                    "3.2",
                    "Nature education in 500 schools",
                    "在500所学校开展自然教育",
                    indicator=(
                        "Schools with a nature-education programme",
                        "开展自然教育的学校数量",
                    ),
                    unit="schools",
                    baseline="120",
                    baseline_year=2021,
                    target="500",
                    deadline="2030-12-31",
                    nt={"12": "medium"},
                    actions=[
                        act(
                            "3.2.1",
                            "Nature schools with the COP15 legacy partners",
                            "与COP15遗产伙伴共建自然学校",
                            responsible=("Kunming Education Bureau", "昆明市教育体育局"),
                            start="2023-09-01",
                            status="in_progress",
                            sectors=["education"],
                            areas=[5],
                            budget=[
                                b(
                                    2025,
                                    "1000000",
                                    "CNY",
                                    "philanthropic",
                                    "secured",
                                    "Foundation grant",
                                )
                            ],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

KUNMING_V2_ADDITION = act(
    "2.1.3",
    "Green roofs on public buildings",
    "公共建筑屋顶绿化",
    responsible=("Kunming Housing and Urban-Rural Development Bureau", "昆明市住房和城乡建设局"),
    start="2026-01-01",
    end="2028-12-31",
    status="planned",
    sectors=["urban_planning", "energy"],
    nt={"8": "medium", "7": "low"},
    budget=[b(2027, "300000", "EUR", "blended", "planned", "Green bond with a development bank")],
)

YUNNAN = {
    "title": (
        "Yunnan Provincial Biodiversity Strategy and Action Plan 2023–2030",
        "云南省生物多样性保护战略与行动计划（2023—2030年）",
    ),
    "period": (2023, 2030),
    "adopted": ("2023-05-22", ("Yunnan Provincial People's Government", "云南省人民政府")),
    "vision": (
        "Yunnan remains China's richest province in species, and its people prosper with them.",
        "云南保持全国物种最丰富省份的地位，人民与自然共同繁荣。",
    ),
    "goals": [
        goal(
            "G1",
            "Flagship species recover",
            "旗舰物种得到恢复",
            [
                tgt(
                    "1.1",
                    "The Asian elephant population is stable or increasing",
                    "亚洲象种群稳定或增长",
                    indicator=("Asian elephants counted", "亚洲象数量"),
                    unit="individuals",
                    baseline="300",
                    baseline_year=2021,
                    target="300",
                    deadline="2030-12-31",
                    nt={"4": "high"},
                    actions=[
                        act(
                            "1.1.1",
                            "Early warning of human–elephant encounters in Xishuangbanna",
                            "西双版纳人象冲突监测预警",
                            responsible=(
                                "Yunnan Forestry and Grassland Bureau",
                                "云南省林业和草原局",
                            ),
                            start="2022-01-01",
                            status="ongoing",
                            sectors=["agriculture", "infrastructure"],
                            budget=[b(2025, "30000000", "CNY", "national_transfer", "secured")],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G2",
            "The nine plateau lakes are protected",
            "九大高原湖泊得到保护",
            [
                tgt(
                    "2.1",
                    "All nine plateau lakes meet their water-quality goals",
                    "九大高原湖泊水质全部达到目标",
                    nt={"6": "high", "2": "medium"},
                    actions=[
                        act(
                            "2.1.1",
                            "Protect and restore the nine plateau lakes",
                            "九大高原湖泊保护治理",
                            responsible=(
                                "Yunnan Ecology and Environment Department",
                                "云南省生态环境厅",
                            ),
                            start="2021-01-01",
                            end="2030-12-31",
                            status="in_progress",
                            sectors=["water", "agriculture", "tourism"],
                            budget=[
                                b(2025, "500000000", "CNY", "own_budget", "secured"),
                                b(2026, "450000000", "CNY", "own_budget", "planned"),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G3",
            "Protected areas cover the key ecosystems",
            "保护地覆盖重要生态系统",
            [
                tgt(
                    "3.1",
                    "Gaoligong and Yaoshan become part of the national park system",
                    "高黎贡山等纳入国家公园体系",
                    nt={"3": "high"},
                    actions=[
                        act(
                            "3.1.1",
                            "Prepare the Gaoligong national park proposal",
                            "开展高黎贡山国家公园创建",
                            responsible=(
                                "Yunnan Forestry and Grassland Bureau",
                                "云南省林业和草原局",
                            ),
                            start="2024-01-01",
                            end="2027-12-31",
                            status="in_progress",
                            sectors=["forestry", "tourism"],
                            budget=[b(2025, "2000000", "USD", "international", "planned")],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

DALI = {
    "title": (
        "Dali Biodiversity Action Plan 2019–2025",
        "大理市生物多样性保护行动计划（2019—2025年）",
    ),
    "period": (2019, 2025),
    "adopted": ("2019-06-05", ("Dali Municipal People's Government", "大理市人民政府")),
    "national": "previous",
    "vision": (
        "A clean Erhai Lake for the people of Dali and its birds.",
        "清澈洱海，惠及大理人民与鸟类。",
    ),
    "goals": [
        goal(
            "G1",
            "Protect Erhai Lake",
            "保护洱海",
            [
                tgt(
                    "1.1",
                    "Erhai keeps water-quality class II–III",
                    "洱海水质保持II—III类",
                    nt={"2": "high"},
                    actions=[
                        act(
                            "1.1.1",
                            "Build the 129 km Erhai ecological corridor",
                            "建设129公里洱海生态廊道",
                            responsible=("Dali Erhai Administration", "大理市洱海管理局"),
                            start="2019-07-01",
                            end="2021-12-31",
                            status="completed",
                            sectors=["water", "tourism", "urban_planning"],
                            budget=[b(2024, "150000000", "CNY", "own_budget", "spent")],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

SHENZHEN = {
    "title": (
        "Shenzhen Biodiversity Action Plan 2021–2035",
        "深圳市生物多样性保护行动计划（2021—2035年）",
    ),
    "period": (2021, 2035),
    "adopted": ("2022-12-10", ("Shenzhen Municipal People's Government", "深圳市人民政府")),
    "vision": (
        "A mountain–sea–city where nature and a modern city thrive together.",
        "山海连城，自然与现代都市共同繁荣。",
    ),
    "goals": [
        goal(
            "G1",
            "Mangroves and the coast",
            "红树林与海岸带",
            [
                tgt(
                    "1.1",
                    "Mangroves cover 400 ha",
                    "红树林面积达到400公顷",
                    indicator=("Mangrove area", "红树林面积"),
                    unit="ha",
                    baseline="296",
                    baseline_year=2020,
                    target="400",
                    deadline="2030-12-31",
                    nt={"2": "high", "3": "medium"},
                    actions=[
                        act(
                            "1.1.1",
                            "Restore mangroves in Futian and Shenzhen Bay",
                            "福田及深圳湾红树林修复",
                            responsible=(
                                "Shenzhen Planning and Natural Resources Bureau",
                                "深圳市规划和自然资源局",
                            ),
                            partners=("Mangrove Conservation Foundation", "红树林基金会"),
                            start="2022-01-01",
                            end="2028-12-31",
                            status="in_progress",
                            sectors=["fisheries", "tourism"],
                            gt={"2": "high"},
                            budget=[
                                b(2025, "80000000", "CNY", "own_budget", "secured"),
                                b(
                                    2026,
                                    "20000000",
                                    "CNY",
                                    "private",
                                    "planned",
                                    "Blue-carbon buyers",
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G2",
            "A city of a thousand parks",
            "千园之城",
            [
                tgt(
                    "2.1",
                    "1,500 parks by 2030",
                    "2030年公园数量达到1500个",
                    indicator=("Number of parks", "公园数量"),
                    unit="parks",
                    baseline="1260",
                    baseline_year=2021,
                    target="1500",
                    deadline="2030-12-31",
                    nt={"8": "high"},
                    actions=[
                        act(
                            "2.1.1",
                            "Build the mountain–sea greenway",
                            "建设山海连城绿道",
                            responsible=(
                                "Shenzhen Urban Management Bureau",
                                "深圳市城市管理和综合执法局",
                            ),
                            start="2022-01-01",
                            end="2027-12-31",
                            status="in_progress",
                            sectors=["urban_planning", "infrastructure", "tourism"],
                            budget=[b(2025, "300000000", "CNY", "own_budget", "secured")],
                        ),
                    ],
                ),
            ],
        ),
        goal(
            "G3",
            "Business for nature",
            "企业参与",
            [
                tgt(
                    "3.1",
                    "Listed companies disclose their impacts on biodiversity",
                    "上市企业披露生物多样性影响",
                    nt={"9": "medium"},
                    gt={"15": "high"},
                    actions=[
                        act(
                            "3.1.1",
                            "Guidance on biodiversity disclosure",
                            "编制生物多样性信息披露指引",
                            responsible=(
                                "Shenzhen Ecology and Environment Bureau",
                                "深圳市生态环境局",
                            ),
                            start="2026-01-01",
                            status="planned",
                            sectors=["finance"],
                            budget=[b(2026, "1000000", "CNY", "own_budget", "planned")],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

GUANGZHOU = {
    "title": (
        "Guangzhou Biodiversity Action Plan (draft)",
        "广州市生物多样性保护行动计划（征求意见稿）",
    ),
    "period": (2025, 2030),
    "goals": [
        goal(
            "G1",
            "Urban wetlands of the Pearl River",
            "珠江城市湿地",
            [
                tgt(
                    "1.1",
                    "Restore 20 urban wetland parks",
                    "修复20个城市湿地公园",
                    nt={"2": "medium", "8": "medium"},
                    actions=[
                        act(
                            "1.1.1",
                            "Haizhu wetland expansion",
                            "海珠湿地扩建",
                            responsible=(
                                "Guangzhou Forestry and Landscape Bureau",
                                "广州市林业和园林局",
                            ),
                            start="2025-06-01",
                            end="2028-12-31",
                            status="planned",
                            sectors=["urban_planning", "water"],
                            budget=[b(2026, "90000000", "CNY", "own_budget", "planned")],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

SHANGHAI = {
    "title": (
        "Shanghai Biodiversity Action Plan 2023–2030",
        "上海市生物多样性保护行动计划（2023—2030年）",
    ),
    "period": (2023, 2030),
    "adopted": ("2023-12-01", ("Shanghai Municipal People's Government", "上海市人民政府")),
    "vision": (
        "An estuary city where migratory birds and people share the shore.",
        "候鸟与人共享滨海的河口之城。",
    ),
    "goals": [
        goal(
            "G1",
            "Migratory birds of the Yangtze estuary",
            "长江口迁徙鸟类",
            [
                tgt(
                    "1.1",
                    "Protect the shorebird habitat of Chongming Dongtan",
                    "保护崇明东滩鸻鹬类栖息地",
                    nt={"3": "high", "4": "medium"},
                    actions=[
                        act(
                            "1.1.1",
                            "Manage Chongming Dongtan for shorebirds",
                            "崇明东滩鸻鹬类栖息地管理",
                            responsible=("Shanghai Forestry Bureau", "上海市林业局"),
                            start="2023-01-01",
                            status="ongoing",
                            sectors=["fisheries", "tourism"],
                            budget=[
                                b(2025, "60000000", "CNY", "own_budget", "secured"),
                                b(
                                    2026,
                                    "500000",
                                    "EUR",
                                    "international",
                                    "planned",
                                    "Flyway partnership",
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    ],
}

PLANS = {
    "CN-YN": YUNNAN,
    "CNKMG": KUNMING,
    "CNDLU": DALI,
    "CNSZX": SHENZHEN,
    "CNCAN": GUANGZHOU,
    "CNSHA": SHANGHAI,
}

# government, kind, topic, (title en, zh), (description en, zh), languages, provider, contact
CAPACITY = [
    (
        "CNKMG",
        "need",
        "monitoring",
        ("eDNA monitoring of plateau lakes", "高原湖泊环境DNA监测"),
        (
            "Methods and laboratories to monitor fish and invertebrates of Dianchi with eDNA.",
            "用环境DNA监测滇池鱼类和底栖动物的方法和实验室支持。",
        ),
        ["zh-hans", "en"],
        None,
        "",
    ),
    (
        "CNDLU",
        "need",
        "restoration",
        ("Restoring lakeshore wetlands", "湖滨湿地修复"),
        (
            "Experience with re-creating reed beds on a lake used for farming.",
            "在农业利用湖区恢复芦苇湿地的经验。",
        ),
        ["zh-hans"],
        None,
        "",
    ),
    (
        "CNSZX",
        "need",
        "finance",
        ("Blue-carbon finance for mangroves", "红树林蓝碳融资"),
        (
            "How to sell mangrove blue carbon credits with safeguards.",
            "如何在保障措施下开展红树林蓝碳交易。",
        ),
        ["zh-hans", "en"],
        None,
        "",
    ),
    (
        "CNSZX",
        "offer",
        "restoration",
        ("Mangrove restoration training", "红树林修复培训"),
        (
            "Two-day course on nursery, planting and monitoring of mangroves.",
            "为期两天的红树林育苗、种植和监测课程。",
        ),
        ["zh-hans", "en"],
        ("Mangrove Conservation Foundation", "红树林基金会"),
        "training@example.org",
    ),
    (
        "CNKMG",
        "offer",
        "restoration",
        ("Lessons from restoring Dianchi", "滇池修复经验交流"),
        (
            "Site visits and a handbook on lakeshore wetland restoration.",
            "湖滨湿地修复现场考察和技术手册。",
        ),
        ["zh-hans"],
        ("Dianchi Administration", "昆明市滇池管理局"),
        "dianchi@example.org",
    ),
    (
        "CNSHA",
        "offer",
        "monitoring",
        ("eDNA and acoustic bird monitoring", "环境DNA和鸟类声学监测"),
        ("Training in sampling, sequencing and acoustic surveys.", "采样、测序和声学调查培训。"),
        ["zh-hans", "en"],
        ("East China Normal University", "华东师范大学"),
        "monitoring@example.org",
    ),
]

TRANSFERS = [
    (
        "CN-YN",
        "technology",
        ("Elephant early-warning system shared with neighbours", "与周边地区共享亚洲象预警系统"),
        (
            "Cameras, alerts and training shared with partners across the border.",
            "与跨境伙伴共享红外相机、预警和培训。",
        ),
        ("Partners in Lao PDR", "老挝合作伙伴"),
        "2024-01-01",
        "2026-12-31",
        "in_progress",
    ),
    (
        "CNSZX",
        "restoration",
        (
            "Mangrove nursery techniques for other coastal cities",
            "向其他沿海城市推广红树林育苗技术",
        ),
        ("Nursery protocols and seed exchange.", "育苗规程和种源交流。"),
        ("Coastal cities of Guangdong", "广东沿海城市"),
        "2025-01-01",
        None,
        "planned",
    ),
]
