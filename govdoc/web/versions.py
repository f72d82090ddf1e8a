"""The versions panel of the 文档 tab: the documents that have several versions, which is current, and
what changed between two of them, article by article; a user may correct a document's version here.

It calls the same `GovdocService` operations as ``govdoc versions`` and ``/api/versions``.
"""

from __future__ import annotations

import difflib
import html
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import Principal
from govdoc.permissions import Forbidden
from govdoc.sourcename import shown_name
from govdoc.versions import CHANGE_WORDS, diff_summary, renumbered
from govdoc.web.render import name_html
from govdoc.web.who import principal
from ingest.articles import Change
from ingest.store import NotInIndexError
from ingest.version import Version

if TYPE_CHECKING:
    from govdoc.service import GovdocService

ALONE = "__alone__"  # the 单独成组 choice of the grouping dropdown
ONE_VERSION = "这份文档只有一个版本：资料中没有找到同一文件的其他版本（新旧版本按标题认定）。"
HOW_TO_FIX = "如果它其实是另一份文档的新版或旧版，可以在下面“文档版本”的“更正版本”中指定。"
NO_VERSIONS = "目前没有哪份文档有多个版本。同一文件的新旧版本（标题相同）都导入后，会列在这里。"


def group_choices(groups: Sequence[Sequence[Version]]) -> list[tuple[str, str]]:
    """(label, group key) per document with several versions."""
    return [(f"{g[-1].title}（{g[-1].count} 个版本）", g[-1].group) for g in groups]


def version_choices(group: Sequence[Version]) -> list[tuple[str, str]]:
    """(label, doc id) per version of one document, oldest first."""
    return [(f"{v.label}{'（现行）' if v.current else ''} · {shown_name(v.source)}", v.doc_id) for v in group]


def versions_html(group: Sequence[Version]) -> str:
    """The versions of one document as a list: date and kind, current or superseded, source file."""
    if not group:
        return ""
    rows = "".join(
        f'<li class="gd-version-item" data-current="{str(v.current).lower()}">'
        f"<b>{html.escape(v.label)}</b> "
        f'<span class="gd-version gd-version-{"current" if v.current else "superseded"}">'
        f"{'现行' if v.current else '已被取代'}</span> "
        f'<span class="gd-file">{name_html(shown_name(v.source))}</span></li>'
        for v in reversed(group)
    )
    return f'<ul class="gd-version-list">{rows}</ul>'


def may_fix(service: GovdocService, who: Principal) -> bool:
    """Whether ``who`` is offered the 更正版本 section: those who may change documents (administrators and
    editors of a knowledge base; `GovdocService.set_version` still checks each document). A reader is not
    offered a control whose every use the server refuses."""
    return service.permissions.may_upload(who)


def fix_box_for(service: GovdocService, who: Principal) -> Any:
    """The 更正版本 section, shown only to those `may_fix` says may use it."""
    return gr.update(visible=may_fix(service, who))


def document_versions_html(groups: Sequence[Sequence[Version]], doc_id: str, fixable: bool) -> str:
    """The versions of one document for its view: the list when it has several (`versions_html`), else a
    plain note that it has only one, and, to one who may correct versions (``fixable``), how to say otherwise."""
    group = next((g for g in groups if any(v.doc_id == doc_id for v in g)), None)
    if not group:
        note = ONE_VERSION + (HOW_TO_FIX if fixable else "")
        return f'<p class="gd-note gd-one-version">{html.escape(note)}</p>'
    return f'<p class="gd-note">这份文档共有 {len(group)} 个版本：</p>{versions_html(group)}'


def _inline(old: str, new: str) -> tuple[str, str]:
    """Old and new text with the deleted and inserted characters marked."""
    a, b = [], []
    # Compared character by character with full-width forms folded: （一） and (一) are no change.
    folded_old = [unicodedata.normalize("NFKC", ch) for ch in old]
    folded_new = [unicodedata.normalize("NFKC", ch) for ch in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, folded_old, folded_new, autojunk=False).get_opcodes():
        if op == "equal":
            a.append(html.escape(old[i1:i2]))
            b.append(html.escape(new[j1:j2]))
            continue
        if i2 > i1:
            a.append(f"<del>{html.escape(old[i1:i2])}</del>")
        if j2 > j1:
            b.append(f"<ins>{html.escape(new[j1:j2])}</ins>")
    return "".join(a), "".join(b)


def diff_html(changes: Sequence[Change], old: Version | None = None, new: Version | None = None) -> str:
    """What changed between two versions, one row per changed, deleted or added article."""
    head = ""
    if old is not None and new is not None:
        head = f"<p><b>{html.escape(old.label)}</b> → <b>{html.escape(new.label)}</b>：{diff_summary(changes)}</p>"
    rows = []
    for c in changes:
        if c.kind == "same":
            continue
        if c.kind == "changed" and c.old is not None and c.new is not None:
            before, after = _inline(c.old.text, c.new.text)
        else:
            before = html.escape(c.old.text) if c.old else ""
            after = html.escape(c.new.text) if c.new else ""
        label = html.escape(" → ".join(x for x in (c.old.label if c.old else "", c.new.label if c.new else "") if x))
        rows.append(
            f'<tr class="gd-change gd-change-{c.kind}"><td>{CHANGE_WORDS[c.kind]}<br>{label}</td>'
            f'<td class="gd-old">{before}</td><td class="gd-new">{after}</td></tr>'
        )
    moved = renumbered(changes)
    # Kept word for word under another number: what a reader citing the old number must know, in one line.
    tail = (
        '<p class="gd-renumbered">条号变了、内容未改：'
        + "；".join(f"原{html.escape(c.old.label)} → 现{html.escape(c.new.label)}" for c in moved if c.old and c.new)
        + "。</p>"
        if moved
        else ""
    )
    if not rows:
        return head + "<p>两个版本的条文没有差别。</p>" + tail
    return (
        f'{head}<table class="gd-diff"><thead><tr><th>变化</th><th>原文</th><th>现文</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{tail}"
    )


def load(service: GovdocService, who: Any, group: str | None = None) -> tuple[Any, str, Any, Any]:
    """The group dropdown filled for ``who`` (``group`` chosen), the list's note when no document has several
    versions, and the 更正版本 choices: every document ``who`` may read, so that one the titles did not group can be
    named a version of another."""
    groups = service.versions(who)
    keys = {g[-1].group for g in groups}
    everyone = _everyone(service, who)
    return (
        gr.update(choices=group_choices(groups), value=group if group in keys else None),
        "" if groups else NO_VERSIONS,
        gr.update(choices=everyone, value=None),
        _grouping(everyone),
    )


def _everyone(service: GovdocService, who: Any) -> list[tuple[str, str]]:
    return [(_doc_label(d.title, d.source), d.doc_id) for d in service.documents(who)]


def _grouping(everyone: list[tuple[str, str]]) -> Any:
    """The 与哪篇文档是同一文件的不同版本 choice: standing alone, or any document."""
    return gr.update(choices=[("不与其他文档算作版本", ALONE), *everyone], value=None)


def older_than_current_note(saved: Version, members: Sequence[Version]) -> str:
    """A warning when ``saved`` was made current though another version of it is dated later; '' otherwise."""
    later = [v for v in members if v.doc_id != saved.doc_id and v.date and saved.date and v.date > saved.date]
    if not saved.current or not later:
        return ""
    newest = max(later, key=lambda v: v.date)
    return (
        f"注意：设为现行的是{saved.label}的文本，早于同一文件{newest.label}的文本。"
        "如果设错了，请在“要更正的文档”中选较新的版本，勾选“设为现行版本”后再保存。"
    )


def _group(service: GovdocService, who: Any, key: str | None) -> list[Version]:
    return _members(service.versions(who), key)


def _members(groups: Sequence[Sequence[Version]], key: str | None) -> list[Version]:
    """The versions of the group ``key`` among ``groups``; [] when none is."""
    return next((list(g) for g in groups if g[-1].group == key), [])


def build_versions_panel(service: GovdocService) -> tuple[gr.Dropdown, gr.HTML, gr.Dropdown, gr.Dropdown, gr.Accordion]:
    """The panel's components and events; returns the group dropdown, the list and the 更正版本 section's two
    choices of documents, filled on page load (`load`), and that section, hidden until the page knows who
    opened it (`fix_box_for`)."""
    with gr.Accordion("文档版本（同一文件的新旧版本与逐条对比）", open=True, elem_id="gd-versions"):
        group = gr.Dropdown(choices=[], label="有多个版本的文档", elem_id="gd-version-group")
        listing = gr.HTML(NO_VERSIONS, elem_id="gd-version-list")
        with gr.Row():
            old = gr.Dropdown(choices=[], label="旧版本", elem_id="gd-version-old")
            new = gr.Dropdown(choices=[], label="新版本", elem_id="gd-version-new")
        compare = gr.Button("逐条对比", elem_id="gd-version-compare")
        diff = gr.HTML("", elem_id="gd-version-diff")
        with gr.Accordion("更正版本", open=False, visible=False, elem_id="gd-version-fix") as fix:
            doc = gr.Dropdown(
                choices=[],
                label="要更正的文档",
                info="可选任一文档；先在上面选一组文档时，这里只列这一组的版本",
                elem_id="gd-version-doc",
            )
            same_as = gr.Dropdown(choices=[], label="与哪篇文档是同一文件的不同版本", elem_id="gd-version-same")
            date = gr.Textbox(label="版本日期（如 2024-12-31，留空不改）", elem_id="gd-version-date")
            current = gr.Checkbox(label="设为现行版本", elem_id="gd-version-current")
            save = gr.Button("保存更正", elem_id="gd-version-save")
            message = gr.Markdown("", elem_id="gd-version-message")

    def on_group(key: str | None, request: gr.Request) -> tuple[Any, ...]:
        who = principal(service, request)
        members = _group(service, who, key)
        everyone = _everyone(service, who)
        grouping = _grouping(everyone)
        if not members:  # nothing chosen (also when the list is filled again): the note only if there is nothing to choose
            listed = "" if service.versions(who) else NO_VERSIONS
            # Any document may still be corrected: one the titles did not group is named a version of another.
            return listed, gr.update(choices=[]), gr.update(choices=[]), "", gr.update(choices=everyone, value=None), grouping
        choices = version_choices(members)
        previous = [v for v in members if not v.current]
        first = previous[-1] if previous else members[0]
        last = next(v for v in members if v.current)
        shown = _diff(service, who, first.doc_id, last.doc_id, members)
        return (
            versions_html(members),
            gr.update(choices=choices, value=first.doc_id),
            gr.update(choices=choices, value=last.doc_id),
            shown,
            gr.update(choices=choices, value=None),
            grouping,
        )

    def on_compare(key: str | None, a: str | None, b: str | None, request: gr.Request) -> str:
        who = principal(service, request)
        if not a or not b:
            return "<p>请先选择两个版本。</p>"
        if a == b:
            return "<p>旧版本和新版本选的是同一个文本，请选择两个不同的版本。</p>"
        return _diff(service, who, a, b, _group(service, who, key))

    def on_save(key: str | None, doc_id: str | None, other: str | None, when: str, now: bool, request: gr.Request) -> tuple[Any, ...]:
        who = principal(service, request)
        unchanged = (gr.update(),) * 8
        if not doc_id:
            return "请先选择要更正的文档。", *unchanged
        try:
            v = service.set_version(
                doc_id,
                who=who,
                group="" if other == ALONE else (other or None),
                date=when.strip() or None,
                current=True if now else None,
            )
        except (NotInIndexError, ValueError) as exc:
            return f"未保存：{exc}", *unchanged
        except Forbidden as exc:
            return f"未保存：{exc.message}", *unchanged
        state = "现行" if v.current else "已被取代"
        said = f"已更正：《{v.title}》{v.label}，第 {v.order}/{v.count} 版，{state}。"
        groups = service.versions(who)
        said = " ".join(filter(None, [said, older_than_current_note(v, _members(groups, v.group))]))
        # The corrected document's group stays chosen, so the next correction starts from choices that hold, and
        # the panel is filled again as for a group chosen anew: the choices say which version is current now
        # (the group's value is the same, so its change event does not run), and 设为现行版本 is unticked.
        key = v.group if v.count > 1 else None
        chosen = gr.update(choices=group_choices(groups), value=key)
        return said, chosen, *on_group(key, request), gr.update(value=False)

    group.change(
        on_group, [group], [listing, old, new, diff, doc, same_as], api_visibility="private"
    )
    compare.click(on_compare, [group, old, new], [diff], api_visibility="private")
    save.click(
        on_save,
        [group, doc, same_as, date, current],
        [message, group, listing, old, new, diff, doc, same_as, current],
        api_visibility="private",
    )
    return group, listing, doc, same_as, fix


def _doc_label(title: str, source: str) -> str:
    """A document in a choice: its title, and its file's name when that is not the title."""
    name = shown_name(source)
    return title if name == title else f"{title} · {name}"


def _diff(service: GovdocService, who: Any, a: str, b: str, members: Sequence[Version]) -> str:
    try:
        changes = service.version_diff(a, b, who=who)
    except NotInIndexError as exc:
        return f"<p>{html.escape(str(exc))}</p>"
    by_id = {v.doc_id: v for v in members}
    return diff_html(changes, by_id.get(a), by_id.get(b))
