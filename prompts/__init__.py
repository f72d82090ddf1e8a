"""Prompt files (``*.md`` beside this module) with named ``$placeholders``, rendered strictly.

A prompt is a `string.Template`. `render` refuses a call that leaves a placeholder unfilled or
passes a variable the prompt does not use, so a renamed placeholder cannot silently vanish.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template


class PromptError(KeyError):
    """A prompt file is missing, or was rendered with missing or unknown variables."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@cache
def load_prompt(name: str) -> Template:
    """The prompt ``prompts/<name>.md`` as a template.

    Raises:
        PromptError: no such prompt file, or it has an invalid placeholder.
    """
    try:
        text = resources.files(__name__).joinpath(f"{name}.md").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"提示词文件不存在：prompts/{name}.md") from None
    template = Template(text)
    if not template.is_valid():
        raise PromptError(f"提示词 prompts/{name}.md 含有无效的占位符（$$ 写作 $$$$）")
    return template


def variables(name: str) -> frozenset[str]:
    """The placeholder names of a prompt."""
    return frozenset(load_prompt(name).get_identifiers())


def render(name: str, **values: str) -> str:
    """The prompt ``name`` with every placeholder filled.

    Args:
        name: prompt file name without ``.md``.
        **values: one string per placeholder, no more, no fewer.

    Raises:
        PromptError: a placeholder has no value, or a value names no placeholder.
    """
    wanted = variables(name)
    missing = sorted(wanted - values.keys())
    unknown = sorted(values.keys() - wanted)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"缺少变量 {', '.join(missing)}")
        if unknown:
            parts.append(f"未知变量 {', '.join(unknown)}")
        raise PromptError(f"提示词 prompts/{name}.md：{'；'.join(parts)}")
    return load_prompt(name).substitute(values)
