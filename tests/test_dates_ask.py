"""A question when a named document was passed, amended or took effect is answered from the document's own
dated notes or its article on taking effect (`assistant.dates_ask`), on an invented rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from index_checks import service_over_text

from assistant.dates_ask import asked_act
from govdoc.accounts import LOCAL

RULE = """# 青禾县河道采砂管理办法

2016年5月10日 县人民政府第八次常务会议通过

2020年3月2日 县人民政府第二十一次常务会议修订

2023年7月18日 县人民政府第五次常务会议修正

第一条 为了规范河道采砂，保护河道堤防安全，制定本办法。

第二条 在本县行政区域内的河道采砂，适用本办法。

第三条 县水利部门负责河道采砂的监督管理。

第四条 采砂单位应当按照许可的范围和期限作业，每季度接受一次检查。

第五条 本办法自2023年9月1日起施行。
"""


def test_only_a_question_when_an_act_was_done_asks_one() -> None:
    assert asked_act("采砂办法哪一年通过的？") is not None
    assert asked_act("采砂办法几月几号起生效？") is not None
    assert asked_act("采砂办法修订过吗？") is None  # not asked when
    assert asked_act("采砂许可证多久检查一次？") is None


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with service_over_text("sand.md", RULE, tmp_path_factory.mktemp("sand")) as s:
        yield s


def test_the_note_of_the_act_asked_answers_and_is_cited(service: Any) -> None:
    passed = service.ask("采砂管理办法是哪一年通过的？", who=LOCAL)
    assert passed.text == "2016年5月10日 县人民政府第八次常务会议通过[1]"
    assert passed.citations[0].quote == "2016年5月10日 县人民政府第八次常务会议通过"
    assert passed.citations[0].section == "题注"  # where the note sits, not an empty location
    amended = service.ask("河道采砂管理办法什么时候修改过", who=LOCAL)
    assert amended.text.splitlines() == [
        "2020年3月2日 县人民政府第二十一次常务会议修订[1]",
        "2023年7月18日 县人民政府第五次常务会议修正[2]",
    ]


def test_the_day_it_takes_effect_is_read_from_its_article(service: Any) -> None:
    answer = service.ask("采砂管理办法啥时候生效的", who=LOCAL)
    assert answer.text == "第五条 本办法自2023年9月1日起施行。[1]"
    assert answer.citations[0].section.endswith("第五条")


def test_a_date_asked_of_something_in_the_rule_is_answered_as_any_other_question(service: Any) -> None:
    answer = service.ask("采砂管理办法规定的检查什么时候进行？", who=LOCAL)
    assert "常务会议" not in answer.text
