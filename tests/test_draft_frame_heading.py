"""A heading's frame word (落实 of 落实教师权利) says what is done about its matter: the rule on the matter speaks of
it, though it states the matter in its own verb (教师享有下列权利), not 落实."""

from __future__ import annotations

from typing import Any

from govdoc.accounts import LOCAL


def test_a_heading_that_says_what_is_done_about_a_matter_gets_the_rule_on_the_matter(hashing_service: Any) -> None:
    law = next(d.doc_id for d in hashing_service.documents(LOCAL) if "教师法" in d.title)
    draft = hashing_service.draft("写一份我校落实教师权利和义务情况的汇报材料", who=LOCAL, doc_ids=[law])
    rights, duties = draft.sections
    assert (rights.heading, duties.heading) == ("落实教师权利", "落实教师义务"), draft.text
    # 第七条's list of rights under the rights (it was left out: it does not say 落实), the duties under theirs.
    assert "进行教育教学活动" in rights.text and "为人师表" not in rights.text, draft.text
    assert "为人师表" in duties.text, draft.text
