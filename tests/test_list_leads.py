"""A list and the clause that opens it (…有下列情形之一的，…处…罚款：): chunked together when they fit, and, when a
long item opens a chunk of its own, an answer on the item still quotes the clause from the chunk before."""

from __future__ import annotations

from pathlib import Path

from index_checks import hashing_settings

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

# A made-up rule: the article's opening clause says the fine; its first item alone is longer than a chunk may be
# with the clause (500 characters), so the item opens a chunk and the clause ends the one before.
LONG_ITEM = (
    "（一）未按照规定建立校舍安全检查制度，未明确检查的责任人员、检查范围和检查频次，"
    + "未对教学楼、宿舍楼、食堂、体育馆、围墙、校门和其他设施设备逐一登记造册并标明使用年限和维修记录，"
    * 8
    + "也未将检查情况向主管部门报告的；"
)
RULES = f"""# 校舍安全示范条例

（本文件为测试用的示范条文，不是真实法规。）

第一条 为了保障师生安全，加强校舍管理，制定本条例。本条例所称校舍，是指学校用于教育教学和生活的房屋。

第二条 县级以上人民政府教育行政部门负责本行政区域内校舍安全的监督管理工作，会同有关部门开展检查。

第三条 学校有下列情形之一的，由县级人民政府教育行政部门责令限期改正，给予警告，并处一万元以上三万元以下的罚款；情节严重的，责令暂停使用有关校舍：
{LONG_ITEM}
（二）发现校舍存在安全隐患未及时报告的；
（三）使用经鉴定为危房的校舍的。

第四条 本条例自公布之日起施行。
"""


def _service(tmp_path: Path) -> GovdocService:
    law = tmp_path / "校舍安全示范条例.md"
    law.write_text(RULES, encoding="utf-8")
    service = GovdocService(hashing_settings(tmp_path))
    assert not service.ingest([law]).errors
    return service


def test_an_item_that_opens_its_chunk_is_quoted_after_the_clause_that_opens_its_list(tmp_path: Path) -> None:
    service = _service(tmp_path)
    try:
        chunks = service.index.chunks()
        # The guard: the long first item opens a chunk, and the clause ends the chunk before it.
        opened = [c for c in chunks if c.text.startswith("（一）未按照规定建立校舍安全检查制度")]
        assert opened and opened[0].extra.get("lead", "").endswith("责令暂停使用有关校舍：")
        assert any(c.text.rstrip().endswith("责令暂停使用有关校舍：") for c in chunks)
        answer = service.ask("学校没建校舍安全检查制度，会被罚多少钱？", who=LOCAL)
    finally:
        service.close()
    assert not answer.refused, answer.text
    assert answer.text.index("一万元以上三万元以下") < answer.text.index("未按照规定建立校舍安全检查制度"), answer.text


def test_a_short_list_opens_the_chunk_with_the_clause_that_opens_it(tmp_path: Path) -> None:
    # The chunk holding 第二条 and the clause is long enough to end where the list starts: it ends before the clause.
    item = "（一）未按照规定建立校舍安全检查制度，未明确检查的责任人员、检查范围和检查频次，也未将检查情况向主管部门报告的；" * 3
    short = RULES.replace(LONG_ITEM, item).replace("会同有关部门开展检查。", "会同有关部门开展检查。" + "乡镇人民政府配合做好校舍安全工作，" * 3 + "及时消除隐患。")
    law = tmp_path / "短.md"
    law.write_text(short, encoding="utf-8")
    service = GovdocService(hashing_settings(tmp_path))
    try:
        assert not service.ingest([law]).errors
        chunks = service.index.chunks()
    finally:
        service.close()
    listed = [c for c in chunks if "（一）未按照规定建立校舍安全检查制度" in c.text]
    assert "并处一万元以上三万元以下的罚款" in listed[0].text and not listed[0].extra.get("lead"), [c.text for c in chunks]
    assert not any(c.text.rstrip().endswith("：") for c in chunks)
