"""Pairing parts of articles across a revision (`ingest.revision.compare`) and counting the changes once per
article (`ingest.revision.counts`, `govdoc.versions.diff_summary`), on an invented regulation: a one-sentence
rule now some clauses of a longer sentence, an article split in two whose first part grew new paragraphs,
and two articles merged into one."""

from __future__ import annotations

from ingest.articles import Change, articles
from ingest.revision import compare, counts

OLD = """青石县乡村图书室管理办法
第一条 为了规范乡村图书室的设立和管理，丰富村民文化生活，制定本办法。
第二条 县文化主管部门负责全县乡村图书室的管理工作。
第三条 图书室的设立，应当具备下列条件：
（一）有固定的场所；
（二）有专人管理；
（三）有不少于一千册的藏书。
流动书车的设立，应当具备下列条件：
（一）有符合安全要求的车辆；
（二）有驾驶员和管理员；
（三）有不少于三百册的藏书。
第四条 村小学可以因地制宜地开放学校阅览室，或者根据村民需要适当延长阅览室开放时间。
第五条 图书室每周开放时间不少于二十小时。
第六条 村民借阅图书不收取费用。
第七条 村民借阅图书不得超过一个月。
第八条 管理员应当每年清点藏书，并将清点结果报县文化主管部门。
第九条 本办法自2012年3月1日起施行。
"""

NEW = """青石县乡村图书室管理办法
第一条 为了规范乡村图书室的设立和管理，保障村民基本文化权益，制定本办法。
第二条 县文化主管部门负责全县乡村图书室的统筹规划和监督管理工作。
第三条 图书室的设立，应当具备下列条件：
（一）有固定的场所；
（二）有专人管理；
（三）有不少于两千册的藏书。
设立图书室，由乡镇人民政府审核，报县文化主管部门备案。
图书室可以与村综合文化服务中心合并设置，共用场地和设备，并统一对外公布服务项目。
图书室应当建立借阅登记和安全巡查制度。
第四条 流动书车的设立，应当具备下列条件：
（一）有符合安全要求的车辆；
（二）有驾驶员和管理员；
（三）有不少于五百册的藏书。
第五条 乡镇人民政府应当鼓励和支持村小学、村综合文化服务中心、农家书屋，根据村民需要适当延长阅览室开放时间，开展亲子阅读、读书分享、非遗讲座、农技培训、电影放映，并组织志愿者、退休教师、大学生村官等提供阅读辅导和数字阅读指导。
第六条 图书室每周开放时间不少于三十小时。
第七条 村民借阅图书不收取费用。村民借阅图书不得超过一个月，逾期可以续借一次。
第八条 管理员应当每年清点藏书，并将清点结果报县文化主管部门。
第九条 本办法自2023年5月1日起施行。
"""


def _partners(changes: list[Change], old_label: str) -> list[str]:
    return sorted(c.new.label for c in changes if c.old is not None and c.old.label == old_label and c.new is not None)


def test_a_one_sentence_rule_now_some_clauses_of_a_longer_sentence_is_kept_not_deleted() -> None:
    changes = compare(OLD, NEW)
    # 根据村民需要适当延长阅览室开放时间 now stands among the clauses of one long sentence of 第五条.
    assert _partners(changes, "第四条") == ["第五条"]
    assert not any(c.kind == "added" and c.new is not None and c.new.label == "第五条" for c in changes)


def test_an_article_split_in_two_is_paired_with_both_parts_though_one_grew_new_paragraphs() -> None:
    changes = compare(OLD, NEW)
    # 第三条 opens as the old 第三条 and added two paragraphs; 第四条 is the old second paragraph word for word.
    assert _partners(changes, "第三条") == ["第三条", "第四条"]
    assert not any(c.kind in ("added", "deleted") and "的设立" in (c.new or c.old).text for c in changes)  # type: ignore[union-attr]


def test_counts_count_each_article_once() -> None:
    changes = compare(OLD, NEW)
    # The old 第六条 and 第七条 were merged into 第七条: one changed article, not two.
    assert _partners(changes, "第六条") == ["第七条"] and _partners(changes, "第七条") == ["第七条"]
    n = counts(changes)
    assert n["changed"] + n["same"] + n["added"] == len(articles(NEW))
    assert n == {"changed": 8, "deleted": 0, "added": 0, "same": 1}


def test_the_summary_counts_a_merge_once() -> None:
    from govdoc.versions import diff_summary

    assert diff_summary(compare(OLD, NEW)) == "修改 8 条，未改动 1 条"
