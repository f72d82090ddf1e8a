"""A question when a named document was passed, amended, published or took effect: its own dated notes.

义务教育法是哪一年通过的？ 志愿服务条例从哪天起施行？ 教师法什么时候修订过？ ask for a date the document states
about itself: in the dated notes above its first article (1986年4月12日 第六届全国人民代表大会第四次会议通过,
`ingest.version.dated_notes`) or, for the day it takes effect, in the article that says so (本法自2024年1月1日起
施行). Retrieval ranks such lines low (they share no words with the question but the name) and the notes of
another amendment as high as the one asked, so these questions are answered from the document's text, by
its structure. A question that asks the date of anything else (学校什么时候开学) is not one of these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.article_ask import quoted_answer, quoted_lines
from assistant.types import Answer
from assistant.versions import VersionSource, best_named, plan
from ingest.articles import articles
from ingest.version import Version, dated_notes

# Words that ask when: 什么时候, 哪一年, 哪天, 几月几号, 何时, 日期.
_WHEN = re.compile(r"什么时候|啥时候|什么时间|什么日期|何时|哪一?年|哪一?天|哪一?日|几月几[日号]?|几号|多会儿|日期|时间")
# The act asked, by the word the asker uses, and the kinds of dated notes that state it, in tiers: the notes of
# the first tier the document has answer (颁布 is said by 公布, else by 印发, else by 通过).
_ACTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (r"施行|实施|实行|执行|生效|起效", (("施行",),)),
    (r"修订|修正|修改|修过|改过|改的|修的", (("修订", "修正"),)),
    (r"颁布|公布|发布|印发|出台|下发", (("公布",), ("印发",), ("通过",))),
    (r"通过|制定|订立", (("通过",), ("公布",))),
)
# What else a question of this kind may say: pointers, aspect words, 从…起, 正式, 新/现行, particles.
_FILLER = re.compile(
    r"[，。？?！!、\s《》]|请问|问一下|想问|知道|请|是|从|自|起|开始|正式|最新|新出的|新出|新的|新|现行的|现行|这部|这个|那部|那个|"
    r"这份|该|的|了|过|呢|吗|啊|呀|吧|是在|在|哪|最早|最初|第一次|最近一次|最近|最后一次|上一次|一共|几次|都|分别|还|又|再|被|一下|一年|一天"
)
# The article that sets the day the document takes effect (本办法自2024年1月1日起施行, 自公布之日起施行).
_EFFECT = re.compile(r"自[^。；;\n]{0,40}?(?:起|之日)(?:施行|实施|生效|执行)|(?:施行|实施)日期")


def asked_act(question: str) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """The act whose date ``question`` asks (the word used, and the kinds of notes that state it), or None."""
    if not _WHEN.search(question):
        return None
    for words, kinds in _ACTS:
        m = re.search(words, question)
        if m is not None:
            return m.group(0), kinds
    return None


class DateTeller:
    """Answers when a named document was passed, amended, published or took effect (see the module docstring)."""

    def __init__(self, source: VersionSource) -> None:
        """
        Args:
            source: document texts and chunks (the index).
        """
        self.source = source

    def answer(self, question: str, versions: Mapping[str, Version], scope: Sequence[str] | None = None) -> Answer | None:
        """The dated notes or the article that answer ``question``, or None when it asks something else.

        Args:
            question: the question (stand-alone).
            versions: the version of every document the asker may read (`ingest.version.resolve`).
            scope: the documents to answer from; None: every document.
        """
        act = asked_act(question)
        if act is None:
            return None
        primary = plan(question, versions, scope).primary
        ids = [d for d in (primary if primary is not None else versions) if d in versions]
        named = best_named(question, {d: versions[d].title for d in ids})
        if len(named) != 1:
            return None  # no document named, or several: asked as any other question
        doc_id, spans = next(iter(named.items()))
        start, end = spans[0]
        rest = question[:start] + question[end:]
        rest = _WHEN.sub("", re.sub(act[0], "", rest, count=1))
        if _FILLER.sub("", rest):
            return None  # something else is asked (教师法规定的考核什么时候进行)
        return self._told(question, doc_id, act, versions)

    def _told(
        self, question: str, doc_id: str, act: tuple[str, tuple[tuple[str, ...], ...]], versions: Mapping[str, Version]
    ) -> Answer | None:
        text = self.source.document_text(doc_id)
        tiers = act[1]
        notes = dated_notes(text)
        spans: list[tuple[int, int]] = next(
            (found for tier in tiers if (found := [(a, b) for a, b, _, kind in notes if kind in tier])), []
        )
        if tiers == (("施行",),) and not spans:
            effect = [a for a in articles(text) if _EFFECT.search(a.text)]
            if effect:
                spans = [(effect[-1].start, effect[-1].end)]
                if "公布" in effect[-1].text:  # 自公布之日起施行: the day it was published says which day
                    spans += [(a, b) for a, b, _, kind in notes if kind == "公布"][-1:]
        if not spans:
            return None  # the notes say nothing of this act: asked as any other question
        lines, citations = quoted_lines(self.source, doc_id, text, spans)
        if not citations:
            return None
        return quoted_answer(question, lines, citations, versions[doc_id], versions)
