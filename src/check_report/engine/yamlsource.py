"""YAML with line numbers: mappings and lists remember where each key and item stood (SafeLoader based),
so every complaint about a rule file can name the file, the line and the key."""

from __future__ import annotations

import yaml

from check_report.engine.model import RuleError


class LineDict(dict):
    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0
    item_lines: list


class _DuplicateKey(Exception):
    def __init__(self, key, line: int):
        super().__init__(key)
        self.key, self.line = key, line


# libyaml's parser when present: rule packs are parsed on every run, and the pure-Python scanner was a
# visible share of start-up. Both are safe loaders; node marks carry lines either way.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        if key in result:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str, filename: str):
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: safe
    except _DuplicateKey as dup:
        raise RuleError(f"{filename}:{dup.line}: {dup.key}: duplicate or invalid key") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = " ".join(str(exc.problem or exc.context or "malformed").split())
        raise RuleError(f"{filename}{line}: malformed YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{filename}: malformed YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:   # the pure-Python loader (no libyaml) on deeply nested lists or mappings
        raise RuleError(f"{filename}: malformed YAML: nested too deeply") from None


def line_of(container, key=None) -> int:
    """The line of a key in a LineDict (or an item of a LineList), else of the container itself."""
    if isinstance(container, LineDict) and key is not None and key in container.key_lines:
        return container.key_lines[key]
    if isinstance(container, LineList) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", 0)
