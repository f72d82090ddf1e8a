"""Pairing the articles of a regulation revised as a whole (`ingest.revision.compare`), on an invented
regulation: articles reworded and renumbered, two kinds of body kept apart, articles merged into a
second paragraph, one article split in two, and two articles truly deleted."""

from __future__ import annotations

from ingest.articles import Change
from ingest.revision import compare

OLD = """青禾市社区阅览室管理办法
第一条 为了规范社区阅览室的设立和管理，方便居民阅读，制定本办法。
第二条 街道办事处设立社区阅览室，应当向区文化主管部门备案，并配备不少于两名管理员。
第三条 乡镇人民政府设立农家书屋，应当向县文化主管部门备案，并配备一名管理员。
第四条 社区阅览室每周开放时间不少于三十小时。
第五条 阅览室借阅图书实行免费，不得收取押金。
第六条 读者遗失所借图书的，应当按照原价赔偿。
第七条 阅览室不得存放烟花爆竹等易燃易爆物品。
第八条 读者损坏所借图书的，应当按照损坏程度赔偿。
第九条 管理员应当每年清点藏书一次，并将清点结果报送文化主管部门。阅览室应当每季度更新报刊杂志。
第十条 管理员每月参加一次业务培训，培训费用由街道办事处承担。
第十一条 本办法自2015年1月1日起施行。
"""

NEW = """青禾市社区阅览室管理办法
第一条 为了规范社区阅览室的设立和管理，保障居民的基本阅读权益，根据有关规定，制定本办法。
第二条 本办法所称社区阅览室，是指在城乡社区为居民提供图书借阅和报刊阅览服务的公益场所。
第三条 乡镇人民政府设立农家书屋的，应当报县级文化主管部门备案，并至少配备一名专职管理员。
第四条 街道办事处设立社区阅览室的，应当报区级文化主管部门备案，并至少配备两名管理员。
第五条 社区阅览室每周开放时间不少于三十五小时，法定节假日应当照常开放。
第六条 阅览室借阅图书实行免费，不得收取押金或者其他费用。
读者遗失或者损坏所借图书的，应当按照原价或者损坏程度赔偿。
第七条 管理员应当每年清点藏书一次，并将清点结果报送区级文化主管部门。
第八条 阅览室应当每季度更新报刊杂志，并在显著位置公布新到报刊目录。
第九条 鼓励公民、法人和其他组织向社区阅览室捐赠图书。
第十条 本办法自2025年1月1日起施行。
"""


def _partners(changes: list[Change], old_label: str) -> list[str]:
    return [c.new.label for c in changes if c.old is not None and c.old.label == old_label and c.new is not None]


def test_reworded_and_moved_articles_are_paired_with_their_successors() -> None:
    changes = compare(OLD, NEW)
    # Each body keeps its own article, though both were reworded and swapped places.
    assert _partners(changes, "第二条") == ["第四条"]
    assert _partners(changes, "第三条") == ["第三条"]
    assert _partners(changes, "第四条") == ["第五条"]
    assert _partners(changes, "第十一条") == ["第十条"]
    assert all(c.kind == "changed" for c in changes if c.old is not None and c.old.label in ("第二条", "第三条"))


def test_an_article_merged_into_a_second_paragraph_is_not_deleted() -> None:
    changes = compare(OLD, NEW)
    # 遗失 and 损坏 are now the second paragraph of the article on free lending.
    assert _partners(changes, "第五条") == ["第六条"]
    assert _partners(changes, "第六条") == ["第六条"]
    assert _partners(changes, "第八条") == ["第六条"]


def test_an_article_split_in_two_is_paired_with_both() -> None:
    changes = compare(OLD, NEW)
    assert sorted(_partners(changes, "第九条")) == ["第七条", "第八条"]
    added = [c.new.label for c in changes if c.kind == "added" and c.new is not None]
    assert added == ["第二条", "第九条"]


def test_only_articles_no_current_text_carries_are_deleted_in_their_own_order() -> None:
    changes = compare(OLD, NEW)
    deleted = [c.old.label for c in changes if c.kind == "deleted" and c.old is not None]
    assert deleted == ["第七条", "第十条"]
    # The list follows the new version's order: every new article once at least, in its order.
    news = [c.new.label for c in changes if c.new is not None]
    assert list(dict.fromkeys(news)) == [f"第{n}条" for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")]


def test_an_unchanged_text_is_the_same_article_renumbered() -> None:
    old = OLD.replace("第十一条 本办法自2015年1月1日起施行。", "第十一条 本办法自2025年1月1日起施行。")
    change = next(c for c in compare(old, NEW) if c.old is not None and c.old.label == "第十一条")
    assert change.kind == "same" and change.new is not None and change.new.label == "第十条"


def test_articles_alike_only_in_the_words_every_penalty_uses_are_not_one_rule() -> None:
    penalty = "违反本规定，{act}的，由区文化主管部门责令改正，处{fine}罚款。"
    old = "\n".join(
        ["某规定"]
        + [
            f"第{n}条 " + penalty.format(act=act, fine=fine)
            for n, act, fine in (
                ("一", "擅自出借阅览证", "二百元以上五百元以下"),
                ("二", "在阅览室内吸烟", "五十元"),
                ("三", "涂改图书编目卡片", "一百元以上三百元以下"),
                ("四", "私自复印珍贵古籍", "一千元以上两千元以下"),
            )
        ]
    )
    new = "\n".join(
        ["某规定"]
        + [
            f"第{n}条 " + penalty.format(act=act, fine=fine)
            for n, act, fine in (
                ("一", "擅自出借阅览证", "二百元以上五百元以下"),
                ("二", "在阅览室内吸烟", "五十元"),
                ("三", "涂改图书编目卡片", "一百元以上三百元以下"),
                ("四", "拒不归还逾期图书", "三百元以上八百元以下"),
            )
        ]
    )
    changes = compare(old, new)
    assert [c.old.label for c in changes if c.kind == "deleted" and c.old is not None] == ["第四条"]
    assert [c.new.label for c in changes if c.kind == "added" and c.new is not None] == ["第四条"]


PENALTY = "由消防机构给予警告，可以并处一万元以下的罚款；情节严重的，责令停业整顿，直至吊销营业执照"
BOOKS_OLD = f"""青禾市书店管理办法
第一条 为了规范书店经营，制定本办法。
第二条 书店经营单位违反本办法规定的，由文化主管部门给予警告，可以并处五千元以下的罚款。
第三条 书店经营单位违反本办法规定，有下列行为之一的，{PENALTY}：
（一）在营业场所吸烟或者不予制止的；
（二）存放易燃、易爆物品的。
第四条 本办法自2015年1月1日起施行。
"""
BOOKS_NEW = f"""青禾市书店管理办法
第一条 为了规范书店经营，制定本办法。
第二条 书店经营单位违反本办法规定的，由文化主管部门给予警告，可以并处五千元以下的罚款。
第三条 消防机构应当自书店经营单位开业之日起二十个工作日内进行实地检查。检查发现书店经营单位未履行消防安全承诺的，{PENALTY}。
第四条 书店经营单位违反本办法规定，有下列行为之一的，{PENALTY}：
（一）在营业场所吸烟或者不予制止的；
（二）存放易燃、易爆物品的。
第五条 本办法自2025年1月1日起施行。
"""


def test_an_article_renumbered_word_for_word_is_not_also_split_into_a_new_article_with_its_boilerplate() -> None:
    # A new article inserted before the penalties shifts them, and it ends on the same penalty (由消防机构给予警告，
    # 可以并处…), but the old penalty article went whole to its renumbered place: the new article is added, not
    # a part split off the old one.
    changes = compare(BOOKS_OLD, BOOKS_NEW)
    assert _partners(changes, "第三条") == ["第四条"], [(c.kind, c.old and c.old.label, c.new and c.new.label) for c in changes]
    added = [c.new.label for c in changes if c.kind == "added" and c.new is not None]
    assert added == ["第三条"], [(c.kind, c.old and c.old.label, c.new and c.new.label) for c in changes]


def test_articles_kept_under_another_number_are_named_in_the_summary_and_listed_under_the_diff() -> None:
    from govdoc.versions import diff_summary
    from govdoc.web.versions import diff_html

    changes = compare(BOOKS_OLD, BOOKS_NEW)
    assert diff_summary(changes) == "修改 1 条，新增 1 条，未改动 3 条（其中 1 条只是条号变了）"
    shown = diff_html(changes)
    assert "条号变了、内容未改：原第三条 → 现第四条。" in shown, shown
