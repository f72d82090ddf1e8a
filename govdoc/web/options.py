"""The settings panel: retrieval mode, k and answer mode (the API key is never shown); the chat keeps each
user's choices (`govdoc.conversations`)."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from govdoc.settings import Settings

RETRIEVAL_CHOICES: list[tuple[str, str]] = [
    ("综合（推荐）", "hybrid"),
    ("按词语", "bm25"),
    ("按意思", "dense"),
]


@dataclass(frozen=True)
class SessionOptions:
    """The panel's components; their values are per browser session and are passed to each event."""

    retrieval: gr.Radio
    k: gr.Slider
    mode: gr.Radio

    def inputs(self) -> list[gr.components.Component]:
        """The components in the order the callbacks take them: retrieval, k, mode."""
        return [self.retrieval, self.k, self.mode]


def answer_mode_choices(settings: Settings) -> list[tuple[str, str]]:
    """Extractive always; the configured LLM endpoint when there is one."""
    choices = [("摘录式（离线，直接引用原文）", "extractive")]
    if settings.llm.mode != "extractive":
        name = settings.llm.model or ("本地模型" if settings.llm.mode == "llamacpp" else "接口")
        choices.append((f"大模型生成（{name}）", settings.llm.mode))
    return choices


def llm_status(settings: Settings) -> str:
    """Whether an LLM and its key are configured, as Markdown; never the key, never the URL."""
    llm = settings.llm
    if llm.mode == "extractive":  # offline as shipped: nothing to configure, so nothing of keys to say
        return "未接入大模型：每句回答都直接摘录资料原文。"
    if llm.mode == "llamacpp":
        endpoint = "已配置（本地模型）" if llm.model_path else "未配置"
    else:
        endpoint = "已配置" if llm.base_url else "未配置"
    key = "已配置" if llm.api_key.get_secret_value() else "未配置"
    return f"大模型接口：{endpoint}　·　大模型密钥：{key}"


def build_options_panel(settings: Settings) -> SessionOptions:
    """The accordion with the session's retrieval and answer settings (rendered where it is called)."""
    with gr.Accordion("检索与回答设置（改动后自动保存）", open=False, elem_id="gd-options"):
        with gr.Row():
            retrieval = gr.Radio(
                RETRIEVAL_CHOICES, value=settings.retrieval.mode, label="检索方式", elem_id="gd-retrieval"
            )
            k = gr.Slider(1, 20, value=settings.retrieval.k, step=1, label="参考资料段落数", elem_id="gd-k")
            mode = gr.Radio(
                answer_mode_choices(settings), value=settings.llm.mode, label="回答方式", elem_id="gd-mode"
            )
        gr.Markdown(llm_status(settings), elem_id="gd-llm-status")
    return SessionOptions(retrieval, k, mode)
