"""What a user can do with one answer on the page: copy it with its sources, export it, regenerate it,
rate it 👍/👎, and click a marker [n] to see source n.

The buttons are part of the answer's HTML (the chat sanitises HTML and drops inline handlers), and one
script on the page (`SCRIPT`, passed to gradio as the page's ``js``) handles their clicks: copy and
the jump to a source happen in the browser; regenerate and rating go to the server through two
hidden page events (`BRIDGE_BOX`, `REGENERATE`, `RATE`), which check who is asking like every other.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from assistant.draft import SOURCES_TITLE
from assistant.sources import source_text_lines
from assistant.types import Answer
from govdoc.sourcename import shown_citations

EXPORT_ROUTE = "/chat/export"
TESTSET_ROUTE = "/chat/testset"
BRIDGE_BOX = "gd-action"  # hidden text box carrying {"turn": n, "rating": ±1} from the script
REGENERATE = "gd-regen-go"
RATE = "gd-rate-go"
OPEN_BOX = "gd-open-doc-box"  # hidden box carrying {"doc": id, "start": n, "end": n} to the 文档 tab
OPEN_GO = "gd-open-doc-go"

CSS = """
.gd-actions { display: flex; flex-wrap: wrap; gap: 4px 6px; margin-top: 0.6em; padding-top: 0.4em;
  border-top: 1px dashed var(--border-color-primary); font-size: 0.85em; }
.gd-act { cursor: pointer; padding: 1px 8px; border-radius: 4px; border: 1px solid var(--border-color-primary);
  color: var(--body-text-color-subdued); background: var(--background-fill-primary); text-decoration: none !important;
  user-select: none; white-space: nowrap; }
.gd-act:hover { color: var(--color-accent); border-color: var(--color-accent); }
.gd-copy-text { display: none; }
.gd-act.gd-done { color: #15803d; border-color: #15803d; }
.gd-open-doc { cursor: pointer; color: var(--color-accent); margin-left: 0.75em; white-space: nowrap;
  text-decoration: underline; }
.gd-chunk.gd-hit { outline: 2px solid var(--color-accent); background: #fffbeb; }
.gd-chunk.gd-hit mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 2px; }
.gd-chunk-cited { color: #b45309; font-weight: 700; }
.gd-marker { cursor: pointer; text-decoration: underline dotted; }
.gd-source.gd-hit { outline: 2px solid var(--color-accent); background: #fef3c7; transition: background 0.3s; }
#gd-conversations { max-height: 420px; overflow-y: auto; }
#gd-conversations label { width: 100%; }
#gd-feedback { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.5em; }
"""

# The page's script: one click handler for the answers' buttons and markers (installed once).
SCRIPT = f"""
() => {{
  if (window.gdChatActions) return;
  window.gdChatActions = true;
  const send = (button, payload, carrier = '{BRIDGE_BOX}') => {{
    const box = document.querySelector('#' + carrier + ' textarea, #' + carrier + ' input');
    const go = document.querySelector('#' + button);
    if (!box || !go) return;
    box.value = JSON.stringify(payload);
    box.dispatchEvent(new Event('input', {{ bubbles: true }}));
    setTimeout(() => go.click(), 50);
  }};
  const copy = async (text) => {{
    if (navigator.clipboard && window.isSecureContext) {{
      try {{ await navigator.clipboard.writeText(text); return true; }} catch (e) {{ /* fall back below */ }}
    }}
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {{ done = document.execCommand('copy'); }} catch (e) {{ done = false; }}
    area.remove();
    return done;
  }};
  const flash = (el, text) => {{
    const before = el.dataset.label || el.textContent;
    el.dataset.label = before;
    el.textContent = text;
    el.classList.add('gd-done');
    setTimeout(() => {{ el.textContent = before; el.classList.remove('gd-done'); }}, 1500);
  }};
  document.addEventListener('click', async (event) => {{
    const marker = event.target.closest('#gd-chat .gd-marker');
    if (marker) {{
      const answer = marker.closest('.gd-answer') || document;
      const n = (marker.className.match(/gd-n-(\\d+)/) || [])[1];
      const source = n && answer.querySelector('.gd-source-' + n);
      if (!source) return;
      const panel = source.closest('details');
      if (panel) panel.open = true;
      document.querySelectorAll('#gd-chat .gd-source.gd-hit').forEach((el) => el.classList.remove('gd-hit'));
      source.classList.add('gd-hit');
      source.scrollIntoView({{ behavior: 'smooth', block: 'center' }});
      return;
    }}
    const opener = event.target.closest('.gd-open-doc');
    if (opener) {{
      const doc = (opener.className.match(/gd-doc-([0-9A-Za-z]+)/) || [])[1];
      const at = opener.className.match(/gd-at-(\d+)-(\d+)/);
      if (!doc || !at) return;
      opener.closest('.gd-source')?.classList.add('gd-hit');
      send('{OPEN_GO}', {{ doc, start: Number(at[1]), end: Number(at[2]) }}, '{OPEN_BOX}');
      return;
    }}
    const act = event.target.closest('#gd-chat .gd-act');
    if (!act || act.tagName === 'A') return;
    event.preventDefault();
    const turn = Number((act.className.match(/gd-turn-(\\d+)/) || [])[1]);
    const kind = (act.className.match(/gd-act-(\\w+)/) || [])[1];
    if (kind === 'copy') {{
      const text = act.parentElement.querySelector('.gd-copy-text');
      flash(act, (await copy(text ? text.textContent : '')) ? '已复制' : '复制失败');
    }} else if (kind === 'regen') {{
      send('{REGENERATE}', {{ turn }});
    }} else if (kind === 'up' || kind === 'down') {{
      flash(act, '已记录');
      send('{RATE}', {{ turn, rating: kind === 'up' ? 1 : -1 }});
    }}
  }});
}}
"""


# After an answer (or a kept conversation opened): bring the last question to the top of the chat box
# (the chat's autoscroll leaves the view at the end of the sources, with the answer itself scrolled
# away), and into the window when the page is scrolled past it; the delay lets the chat finish its own
# scrolling first.
SHOW_ANSWER = """
() => {
  setTimeout(() => {
    const questions = document.querySelectorAll('#gd-chat .gd-question');
    const question = questions[questions.length - 1];
    if (!question) return;
    let box = question.parentElement;
    const scrolls = (el) => el.scrollHeight > el.clientHeight + 4 && /(auto|scroll)/.test(getComputedStyle(el).overflowY);
    while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
    if (box && box !== document.body) {
      box.scrollTop += question.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    }
    // On a phone the page itself stays where the input box is, below the chat box: bring the question
    // into view too, and let the keyboard go so the answer is not covered.
    const top = question.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) window.scrollBy({ top: top - 8 });
    if (window.innerWidth <= 640 && document.activeElement && document.activeElement.closest('#gd-question')) {
      document.activeElement.blur();
    }
  }, 400);
}
"""


# After "在文档中查看" opened the 文档 tab: scroll the page to the cited chunk (it is rendered a moment later).
SHOW_CITED = """
() => {
  let tries = 0;
  const look = () => {
    const hit = document.querySelector('#gd-doc-view .gd-hit');
    if (hit) { hit.scrollIntoView({ block: 'center' }); return; }
    if (++tries < 50) setTimeout(look, 100);
  };
  setTimeout(look, 100);
}
"""


def copy_text(answer: Answer) -> str:
    """What the copy button puts on the clipboard: the question as understood, the answer, its sources."""
    parts = [f"问：{answer.question}"]
    if answer.resolved:
        parts.append(f"（按「{answer.resolved}」理解）")
    parts.append(answer.text)
    parts += list(answer.notes)
    if answer.citations:
        parts.append(SOURCES_TITLE + "：")
        parts += source_text_lines(shown_citations(answer.citations))
    return "\n".join(parts)


def export_url(conversation: str, browser: str, fmt: str, turn: int | None = None) -> str:
    """The download address of a conversation (or of its answer ``turn``) as Word (docx) or Markdown (md)."""
    query: dict[str, str | int] = {"fmt": fmt, "b": browser}
    if turn is not None:
        query["turn"] = turn
    return f"{EXPORT_ROUTE}/{conversation}?{urlencode(query)}"


def actions_html(turn: int, answer: Answer, conversation: str, browser: str) -> str:
    """The row of buttons under answer ``turn``: copy, Word, Markdown, regenerate, 有帮助, 没帮助.

    The chat's sanitiser keeps classes but drops data attributes, so the turn and the action are
    classes (``gd-turn-N``, ``gd-act-copy``) and the text to copy is a hidden element. The export
    links appear once the conversation is kept (it has an id).
    """
    text = html.escape(copy_text(answer)).replace("\n", "&#10;")

    def button(act: str, label: str) -> str:
        return f'<span class="gd-act gd-act-{act} gd-turn-{turn}" role="button">{label}</span>'

    parts = [button("copy", "复制"), f'<span class="gd-copy-text">{text}</span>']
    if conversation:
        for fmt, label in (("docx", "导出 Word"), ("md", "导出文本")):
            url = html.escape(export_url(conversation, browser, fmt, turn), quote=True)
            parts.append(f'<a class="gd-act gd-export-{fmt}" href="{url}" download>{label}</a>')
    # In words: a machine without an emoji font shows 👍/👎 as empty boxes.
    parts += [button("regen", "重新回答"), button("up", "有帮助"), button("down", "没帮助")]
    return f'<div class="gd-actions">{"".join(parts)}</div>'
