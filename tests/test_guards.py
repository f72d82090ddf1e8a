"""Input checks, secret redaction and Markdown escaping: the small pieces the hostile-input tests rely on."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from assistant.markup import md_escape, md_inline
from assistant.redact import redact_urls
from govdoc.inputs import InputError, check_text, recent_history

HOSTILE = (
    '<img src="http://192.0.2.1/beacon" onerror="alert(1)">',
    "<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![远程图片](http://192.0.2.1/x.png)",
    "| 表格 | 注入 |",
)


def test_a_question_over_the_limit_is_refused_with_413_and_its_length() -> None:
    assert check_text("教师" * 5, 10, "问题") == "教师" * 5
    with pytest.raises(InputError) as caught:
        check_text("教" * 11, 10, "问题")
    assert caught.value.status == 413
    assert "问题过长" in caught.value.message and "11" in caught.value.message and "10" in caught.value.message


def test_a_lone_surrogate_is_refused_with_400() -> None:
    with pytest.raises(InputError) as caught:
        check_text("教师\ud800的权利", 100, "问题")
    assert caught.value.status == 400 and "无法识别的字符" in caught.value.message


def test_history_keeps_the_latest_turns_within_the_limit() -> None:
    turns = [("user", "一" * 40), ("assistant", "二" * 40), ("user", "三" * 40), ("assistant", "四" * 40)]
    assert recent_history(turns, 100) == turns[2:]
    assert recent_history(turns, 10) == []
    with pytest.raises(InputError):
        recent_history([("user", "坏\udfff")], 100)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("无法连接大模型服务 http://admin:pw@10.0.0.5:8080/v1：请确认", "无法连接大模型服务 http://***@10.0.0.5:8080/v1：请确认"),
        ("https://sk-secret@llm.local/v1", "https://***@llm.local/v1"),
        ("邮箱 office@school.cn 不是网址", "邮箱 office@school.cn 不是网址"),
    ],
)
def test_credentials_in_urls_are_redacted(shown: str, expected: str) -> None:
    assert redact_urls(shown) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_text_never_as_markup(text: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(f"- {md_inline(text)}\n")
    assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered and "<table" not in rendered
    # What the reader sees is the text itself, character for character.
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text
    assert md_escape("a_b*c") == "a\\_b\\*c"


def test_a_malformed_key_setting_is_never_printed(tmp_path: Path) -> None:
    from tests.index_checks import GOVDOC, govdoc_env

    for value in ('sk-MALFORMED-1234,other', '["sk-good", {"k": "sk-NESTED-5678"}]', '[5, "x"'):
        env = govdoc_env(tmp_path / "index", GOVDOC_API__KEYS=value)
        done = subprocess.run([*GOVDOC, "docs"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        assert "配置有误" in done.stderr
        for secret in ("MALFORMED", "NESTED", "sk-good", "other"):
            assert secret not in done.stderr + done.stdout, (value, done.stderr)
    assert sys.executable
