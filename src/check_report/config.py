"""Project configuration: `.check-report.yaml` or `[tool.check-report]` in `pyproject.toml`.

Discovered from the working directory upwards; the nearest directory holding either wins, and within one
directory `.check-report.yaml` (or `.yml`) wins over `pyproject.toml` (ruff's order). Every key is
validated in one place and an unknown one is an error naming the key and the file (yamllint's way).

    rules: [default, my-rules.yaml]       # packs by name or paths (relative to the config file)
    enable: [text.optional-rule]          # switch on rules that are off by default
    select: [core]                        # only these rule ids / prefixes ("core" = the whole pack)
    ignore: [core.growth]                 # never these (alias: disable)
    severity: {core.children-le-parent: info}
    lang: vi                              # or "language"
    fail-on: warning                      # error | warning | info | never
    vocabulary: [words.yaml]              # extra header vocabulary files
    exclude: [drafts/, "*-old.xlsx"]      # gitignore patterns skipped inside folders (relative to the file)
    per-path:                             # globs relative to the config file, or matched on the name
      "monthly/*.xlsx": {ignore: [core.month-le-cumulative], severity: {...}, select: [...]}
    together: [["monthly/*.xlsx", "q*.xlsx"]]   # cross-file checks per group (or `true`: all inputs)
    limits: {file-mb: 512, cells: 20000000}     # raise the input screen's limits (readers/limits.py)

Keys may be written with '-' or '_'.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePath

YAML_NAMES = (".check-report.yaml", ".check-report.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
TOP_KEYS = ("rules", "enable", "select", "ignore", "severity", "lang", "fail-on", "vocabulary", "per-path",
            "together", "exclude", "limits")
PER_PATH_KEYS = ("select", "ignore", "severity")
_ALIASES = {"language": "lang", "disable": "ignore", "severities": "severity"}


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line naming the file and key."""


@dataclass(frozen=True)
class PathSettings:
    pattern: str
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Config:
    path: str | None = None                    # the file it came from; None when no config
    rules: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    lang: str | None = None
    fail_on: str | None = None
    vocabulary: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_path: tuple[PathSettings, ...] = field(default_factory=tuple)
    # cross-file checks: () off, (("*",),) every input together, else groups of globs checked together
    together: tuple[tuple[str, ...], ...] = ()
    limits: object = None                      # readers.limits.Limits; None: the defaults

    @property
    def base_dir(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()


def discover(start: Path | None = None) -> Path | None:
    """The nearest config file from `start` (the working directory) upwards, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load(path: str | Path) -> Config:
    """Read and validate one config file (YAML, or the `[tool.check-report]` table of a pyproject)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    raw = _read_pyproject(path) if path.name == PYPROJECT or path.suffix == ".toml" else _read_yaml(path)
    return _validate(raw, str(path))


def _has_tool_table(path: Path) -> bool:
    try:
        return _read_pyproject(path) is not None
    except ConfigError:
        # a broken pyproject is ours to report only when it meant to configure us
        return "tool.check-report" in path.read_text(encoding="utf-8", errors="replace")


def _read_pyproject(path: Path) -> dict | None:
    import tomllib

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {' '.join(str(exc).split())}") from None
    except RecursionError:   # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    table = data.get("tool", {}).get("check-report")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.check-report] must be a table")
    return table


def _read_yaml(path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys to values")
    return data


def _validate(raw: dict | None, origin: str) -> Config:
    raw = _normalise_keys(raw or {}, TOP_KEYS, origin, "")
    return Config(
        path=origin,
        rules=_strings(raw, "rules", origin),
        enable=_strings(raw, "enable", origin),
        select=_strings(raw, "select", origin),
        ignore=_strings(raw, "ignore", origin),
        severity=_severities(raw.get("severity"), origin, "severity"),
        lang=_choice(raw, "lang", ("en", "vi"), origin),
        fail_on=_choice(raw, "fail-on", FAIL_ON, origin),
        vocabulary=_strings(raw, "vocabulary", origin),
        exclude=_strings(raw, "exclude", origin),
        per_path=_per_path(raw.get("per-path"), origin),
        together=_together(raw.get("together"), origin),
        limits=_limits(raw.get("limits"), origin),
    )


def _limits(value, origin: str):
    from check_report.readers.limits import from_mapping

    return from_mapping(value, origin, ConfigError)


def _normalise_keys(raw: dict, known: tuple[str, ...], origin: str, prefix: str) -> dict:
    out = {}
    for key, value in raw.items():
        name = str(key).replace("_", "-")
        name = _ALIASES.get(name, name)
        if name not in known:
            raise ConfigError(f"{origin}: unknown key '{prefix}{key}' (known: {', '.join(known)})")
        out[name] = value
    return out


def _strings(raw: dict, key: str, origin: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{origin}: {key}: expected a list of strings")


def _choice(raw: dict, key: str, allowed: tuple[str, ...], origin: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ConfigError(f"{origin}: {key}: {value!r} is not one of {', '.join(allowed)}")
    return value.lower()


def _severities(value, origin: str, key: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: {key}: expected a mapping of rule id to error, warning or info")
    pairs = []
    for rule_id, level in value.items():
        if not isinstance(level, str) or level.lower() not in SEVERITIES:
            raise ConfigError(f"{origin}: {key}.{rule_id}: {level!r} is not one of error, warning, info")
        pairs.append((str(rule_id), level.lower()))
    return tuple(pairs)


def _together(value, origin: str) -> tuple[tuple[str, ...], ...]:
    """`together: true` (all inputs of a run), or a list of groups, each a list of globs."""
    if value is None or value is False:
        return ()
    if value is True:
        return (("*",),)
    if isinstance(value, list) and value and all(
            isinstance(group, list) and group and all(isinstance(g, str) for g in group) for group in value):
        return tuple(tuple(group) for group in value)
    raise ConfigError(f"{origin}: together: expected true, false or a list of groups of globs")


def _per_path(value, origin: str) -> tuple[PathSettings, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: per-path: expected a mapping of glob to settings")
    settings = []
    for pattern, body in value.items():
        if not isinstance(body, dict):
            raise ConfigError(f"{origin}: per-path.{pattern}: expected a mapping of settings")
        body = _normalise_keys(body, PER_PATH_KEYS, origin, f"per-path.{pattern}.")
        settings.append(PathSettings(
            pattern=str(pattern),
            select=_strings(body, "select", origin),
            ignore=_strings(body, "ignore", origin),
            severity=_severities(body.get("severity"), origin, f"per-path.{pattern}.severity"),
        ))
    return tuple(settings)


def glob_matches(pattern: str, path: str, base_dir: str | Path) -> bool:
    """A glob matches the path relative to the config's folder, the path as given, or the file name."""
    candidates = {PurePath(path).as_posix(), PurePath(path).name}
    with suppress(ValueError):   # a file outside the config's folder matches by name only
        candidates.add(Path(path).resolve().relative_to(Path(base_dir).resolve()).as_posix())
    return any(fnmatch(c, pattern) or PurePath(c).match(pattern) for c in candidates)


# --- command-line options over the configuration ---------------------------------------------------

@dataclass(frozen=True)
class Run:
    """What the command-line options and the configuration decide together for one run."""
    settings: object            # pipeline.Settings
    fail_on: str
    lang: str
    together: tuple = ()        # groups of globs whose files are checked against each other
    exclude: tuple[str, ...] = ()   # gitignore patterns, relative to the working directory


def resolve_options(args) -> Run:
    """Command-line options over the configuration file over the defaults: what this run does."""
    from check_report.i18n import default_lang, t
    from check_report.pipeline import Settings  # here: pipeline imports this module

    conf = _load_config(args)
    base = conf.base_dir if conf.path else Path.cwd()
    rules = tuple(args.rules) or tuple(_relative(spec, base) for spec in conf.rules) or ("default",)
    vocabulary = tuple(_relative(v, base) for v in conf.vocabulary) + tuple(getattr(args, "vocabulary", []))
    lang = args.lang or conf.lang or default_lang()
    for path in vocabulary:
        if not Path(path).is_file():
            raise ConfigError(t("cli.vocabulary", lang, path=path))
    if vocabulary:   # a broken vocabulary is one error up front, not one per file of the batch
        from check_report.extract.vocabulary import load_vocabulary

        load_vocabulary(list(vocabulary))
    # ruff's way: --select replaces the configured selection, --ignore adds to it; "a,b" or repeated
    select = _ids(getattr(args, "select", [])) or conf.select
    settings = Settings(
        rules=rules, enable=conf.enable + tuple(args.enable), select=select,
        ignore=conf.ignore + _ids(args.disable),
        severity=conf.severity + _severity_pairs(args.severity, lang), vocabulary=vocabulary, lang=lang,
        per_path=conf.per_path, base_dir=str(base), debug=args.debug,
        show_unchecked=getattr(args, "show_unchecked", False),
        engine="gx" if getattr(args, "engine", "native") == "gx" or getattr(args, "gx_docs", None) else "native",
        gx_docs=getattr(args, "gx_docs", None),
        **({"limits": conf.limits} if conf.limits is not None else {}),
    )
    exclude = tuple(_exclude_from(conf, base)) + tuple(getattr(args, "exclude", None) or ())
    return Run(settings=settings, fail_on=getattr(args, "fail_on", None) or conf.fail_on or "error",
               lang=lang, together=conf.together, exclude=exclude)


def _ids(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _exclude_from(conf: Config, base: Path) -> list[str]:
    """The config's exclude patterns, anchored at the config file's folder for --exclude's working-directory
    matching (a pattern without a slash matches at any depth, as in .gitignore)."""
    import os

    prefix = os.path.relpath(base, Path.cwd()).replace(os.sep, "/")
    out = []
    for pattern in conf.exclude:
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        if "/" in body.rstrip("/") and prefix != ".":
            body = f"{prefix}/{body.lstrip('/')}"
        out.append(("!" if negate else "") + body)
    return out


def _load_config(args) -> Config:
    if args.no_config:
        return Config()
    if args.config:
        return load(args.config)
    found = discover()
    return load(found) if found else Config()


def _relative(spec: str, base) -> str:
    """A rule or vocabulary path in a config file is relative to that file; a pack name stays a name."""
    looks_like_path = spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec
    return str(base / spec) if looks_like_path and not Path(spec).is_absolute() else spec


def _severity_pairs(values: list[str], lang: str) -> tuple[tuple[str, str], ...]:
    from check_report.i18n import t

    pairs = []
    for value in values:
        rule_id, sep, level = value.partition("=")
        if not sep or not rule_id.strip() or level.strip().lower() not in ("error", "warning", "info"):
            raise ConfigError(t("cli.severity", lang, value=value))
        pairs.append((rule_id.strip(), level.strip().lower()))
    return tuple(pairs)
