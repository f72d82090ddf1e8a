"""Configurations to compare in one eval run, from ``--compare AXIS=V1,V2`` specs.

An axis is a short name (``retrieval``, ``embedding``, ``mode``, ``tokenizer``, ``k``, ``fusion``) or any
settings field written ``section.field`` (``retrieval.rrf_k``). A spec without ``AXIS=`` lists
bare choices (``bm25,dense,hybrid``), each assigned to the one short axis that accepts it.
Several axes combine as a product (every combination, the default) or ``each`` (one axis varied
at a time, the others left as configured).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from evals.run import DEFAULT_NAME
from govdoc.settings import Settings, with_overrides

Combine = Literal["product", "each"]

# Short axis names -> (settings section, field).
AXES: dict[str, tuple[str, str]] = {
    "retrieval": ("retrieval", "mode"),
    "embedding": ("embedding", "mode"),
    "mode": ("llm", "mode"),
    "tokenizer": ("retrieval", "tokenizer"),
    "k": ("retrieval", "k"),
    "fusion": ("retrieval", "fusion"),
}


class CompareError(ValueError):
    """A ``--compare`` spec is malformed or names an unknown axis or an invalid value."""


@dataclass(frozen=True)
class Axis:
    """One compared setting and the values it takes, e.g. retrieval.mode in (bm25, dense, hybrid)."""

    name: str  # as the user wrote it
    section: str
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class EvalConfig:
    """One configuration of a comparison: its column name, its settings and what was overridden."""

    name: str
    settings: Settings
    overrides: dict[str, Any]  # "section.field" -> validated value


def parse_axis(spec: str) -> Axis:
    """Parse ``AXIS=V1,V2,...``.

    Raises:
        CompareError: no ``=``, an unknown axis or field, or no values.
    """
    name, sep, raw_values = spec.partition("=")
    name = name.strip()
    if not sep or not name:
        raise CompareError(f"--compare 写法应为 名称=取值1,取值2（例如 retrieval=bm25,dense,hybrid），实际为 {spec!r}")
    if name in AXES:
        section, field = AXES[name]
    else:
        section, dot, field = name.partition(".")
        if not dot:
            known = "、".join(AXES)
            raise CompareError(f"--compare 不认识 {name!r}：可用 {known}，或写作 设置节.字段（如 retrieval.rrf_k）")
        section_model = Settings.model_fields.get(section)
        if section_model is None or not _is_model(section_model.annotation):
            raise CompareError(f"--compare {name}：没有名为 {section!r} 的设置节")
        assert section_model.annotation is not None
        if field not in section_model.annotation.model_fields:
            raise CompareError(f"--compare {name}：设置节 {section} 中没有字段 {field!r}")
    values = tuple(dict.fromkeys(v.strip() for v in raw_values.split(",") if v.strip()))
    if not values:
        raise CompareError(f"--compare {name} 没有给出取值")
    return Axis(name, section, field, values)


def configurations(settings: Settings, specs: Sequence[str], combine: Combine = "product") -> list[EvalConfig]:
    """The configurations to evaluate, each a validated copy of ``settings``.

    Args:
        settings: the base settings.
        specs: ``AXIS=V1,V2`` strings; empty means one configuration named "default".
        combine: "product" (every combination; names join the values with "/", a value that
            is not a named choice written ``axis=value``) or "each" (one axis at a time; names
            are ``axis=value``).
    Raises:
        CompareError: a malformed spec, an axis given twice, or a value the setting rejects.
    """
    axes = [parse_axis(s) for s in _named(specs)]
    if not axes:
        return [EvalConfig(DEFAULT_NAME, settings, {})]
    seen: set[tuple[str, str]] = set()
    for axis in axes:
        if (axis.section, axis.field) in seen:
            raise CompareError(f"--compare 重复给出了 {axis.section}.{axis.field}")
        seen.add((axis.section, axis.field))
    runs: list[tuple[str, list[tuple[Axis, str]]]] = []
    if combine == "product":
        for combo in itertools.product(*(a.values for a in axes)):
            name = "/".join(_label(a, v) for a, v in zip(axes, combo))
            runs.append((name, list(zip(axes, combo))))
    elif combine == "each":
        for axis in axes:
            runs.extend((f"{axis.name}={value}", [(axis, value)]) for value in axis.values)
    else:
        raise CompareError(f"未知的组合方式：{combine}（可选 product、each）")
    return [_config(settings, name, choice) for name, choice in runs]


def choices(axis: str) -> tuple[str, ...]:
    """The values a short axis accepts when its setting is a fixed set of choices, else ()."""
    section, field = AXES[axis]
    section_type = Settings.model_fields[section].annotation
    assert isinstance(section_type, type) and issubclass(section_type, BaseModel)
    annotation = section_type.model_fields[field].annotation
    return tuple(str(v) for v in get_args(annotation)) if get_origin(annotation) is Literal else ()


def _named(specs: Sequence[str]) -> list[str]:
    """Specs with bare choices (no ``=``) rewritten as ``axis=values``, grouped per axis, in the order given."""
    slots: dict[str, list[str]] = {}  # a named spec, or a short axis collecting bare choices
    for spec in specs:
        if "=" in spec:
            slots[spec] = []
            continue
        for value in (v.strip() for v in spec.split(",")):
            if not value:
                continue
            owners = [axis for axis in AXES if value in choices(axis)]
            if len(owners) != 1:
                known = "；".join(f"{a}: {', '.join(choices(a))}" for a in AXES if choices(a))
                raise CompareError(
                    f"--compare {value!r} 无法确定对应的设置，请写作 名称=取值1,取值2（可用取值 {known}）"
                )
            slots.setdefault(f"{owners[0]}=", []).append(value)
    return [key + ",".join(values) for key, values in slots.items()]


def _config(settings: Settings, name: str, choice: list[tuple[Axis, str]]) -> EvalConfig:
    sections: dict[str, dict[str, Any]] = {}
    overrides: dict[str, Any] = {}
    for axis, raw in choice:
        section = getattr(settings, axis.section)
        try:
            checked = type(section).model_validate({**section.model_dump(), axis.field: raw})
        except ValidationError as exc:
            reason = "；".join(e["msg"] for e in exc.errors())
            raise CompareError(f"--compare {axis.name}={raw}：取值无效（{reason}）") from None
        value = getattr(checked, axis.field)
        sections.setdefault(axis.section, {})[axis.field] = value
        overrides[f"{axis.section}.{axis.field}"] = value
    return EvalConfig(name, with_overrides(settings, **sections), overrides)


def _label(axis: Axis, value: str) -> str:
    """A value names itself when it is one of a fixed set of choices (bm25); else axis=value (k=5)."""
    return value if axis.name in AXES and value in choices(axis.name) else f"{axis.name}={value}"


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
