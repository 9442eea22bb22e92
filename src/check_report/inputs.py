"""What to check, from what the user typed, the way other linters pick their inputs.

- A file named on the command line is always checked (an unsupported or missing one is reported by the
  reader, in one line).
- `-` is standard input; `--stdin-filename NAME` says its type (and the name findings carry).
- A folder is walked recursively, sorted. It yields only *report-like* files:
  * workbooks and documents (.xlsx .xlsm .xls .ods .csv .docx) always;
  * text (.md .markdown .txt) unless it is a project file: README, CHANGELOG/CHANGES/HISTORY/NEWS,
    LICENSE/LICENCE/COPYING/NOTICE/AUTHORS, CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, TODO (any case, any
    extension), or it lies in a documentation or tooling folder below the folder given (docs, doc,
    documentation, site, node_modules, venv, build, dist, __pycache__);
  and never hidden folders (.git, .venv), office lock files (~$q1.xlsx), check-report's own outputs
  (`*.checked.xlsx`, `*.checked.html`), files matched by a `.gitignore` (of the folder, its subfolders, and
  its parents up to the repository root, with git's rules via `pathspec`), or by `--exclude PATTERN`
  (gitignore syntax, relative to the working directory).
- A glob (`reports/*.md`) is expanded the same way, sorted.
- The run's own output files (`--output`, `--annotate`, `--gx-docs`) are never read back as inputs.
- A walk never enters the root directory (a link to `/` named as a folder is refused), never follows a
  link to a folder (the folder asked for is walked, not what links inside it point to; a glob's `**`
  neither), and refuses a linked file found inside it whose target lies outside it (a report must not
  quote a file nobody named); a file named directly is read wherever its link points, after the screen
  (`readers.safety`) judged the target.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from check_report.findings import FileResult

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
DOCUMENT_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
PROJECT_FILES = frozenset({"readme", "changelog", "changes", "history", "news", "license", "licence", "copying",
                           "notice", "authors", "contributing", "code_of_conduct", "security", "todo"})
NOT_REPORT_FOLDERS = frozenset({"docs", "doc", "documentation", "site", "node_modules", "venv", "build", "dist",
                                "__pycache__", "site-packages"})
OWN_OUTPUTS = (".checked.xlsx", ".checked.html")
STDIN = "-"
_GLOB_CHARS = set("*?[")


def expand_inputs(args: list[str], lang: str = "en", *, exclude: Iterable[str] = (),
                  outputs: Iterable[str] = ()) -> tuple[list[str], list[FileResult]]:
    """Files to check, and error results for arguments that named nothing (a batch reports them and checks
    the rest). `exclude` are gitignore-style patterns; `outputs` are files or folders this run writes."""
    from check_report.i18n import t

    excluded = _spec(list(exclude))
    written = [Path(o).resolve() for o in outputs if o]
    paths: list[str] = []
    problems: list[FileResult] = []
    for arg in args:
        target = Path(arg)
        if arg == STDIN:
            paths.append(arg)
        elif target.is_dir():
            if _is_root(target):
                problems.append(FileResult(path=arg, status="error", error=t("cli.root_dir", lang, path=arg)))
                continue
            found = [p for p in _walk(target, excluded) if not _is_output(p, written)]
            found, refused = _inside(found, target, arg, lang, problems)
            if not found and not refused:
                problems.append(FileResult(path=arg, status="error", error=t("cli.empty_dir", lang, path=arg)))
            paths.extend(found)
        elif target.exists() or target.is_symlink() or not (_GLOB_CHARS & set(arg)):
            paths.append(arg)   # a missing or unsupported file: the reader says why, in one line
        else:
            found = sorted(p for p in _glob(arg) if _pickable(Path(p), excluded) and not _is_output(p, written))
            found, refused = _inside(found, _glob_base(arg), arg, lang, problems)
            if not found and not refused:
                problems.append(FileResult(path=arg, status="error", error=t("cli.no_match", lang, pattern=arg)))
            paths.extend(found)
    return list(dict.fromkeys(paths)), problems


def _inside(found: list[str], base: Path, arg: str, lang: str, problems: list) -> tuple[list[str], bool]:
    """The files found that stay inside `base`; each one that links out of it is refused as that file's error."""
    from check_report.i18n import t

    outside = [p for p in found if _links_outside(Path(p), base)]
    problems.extend(FileResult(path=p, status="error", error=t("cli.link_outside", lang, path=p, folder=arg,
                                                                target=Path(p).resolve()))
                    for p in outside)
    return [p for p in found if p not in outside], bool(outside)


def report_like(path: Path, inside: Path | None = None) -> bool:
    """Whether a file found in a folder is a report (see the module docstring for the rule)."""
    suffix = path.suffix.lower()
    if path.name.lower().endswith(OWN_OUTPUTS) or path.name.startswith("~$"):
        return False
    if suffix in WORKBOOK_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
        return True
    if suffix not in TEXT_SUFFIXES:
        return False
    if path.name.split(".")[0].lower().replace("-", "_") in PROJECT_FILES:
        return False
    folders = inside.parts[:-1] if inside is not None else ()
    return not any(part.lower() in NOT_REPORT_FOLDERS for part in folders)


def _walk(folder: Path, excluded) -> list[str]:
    found = []
    specs = {folder: _parent_ignores(folder) + _ignore_file(folder)}   # the .gitignore files over each folder
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        local = specs[here]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _ignored(here / d, local, is_dir=True) and not _matches(excluded, here / d, True))
        for d in dirs:
            specs[here / d] = local + _ignore_file(here / d)
        for name in sorted(files):
            path = here / name
            if report_like(path, path.relative_to(folder)) and not _ignored(path, local) \
                    and not _matches(excluded, path):
                found.append(str(path))
    return sorted(found)


def _ignore_file(folder: Path) -> list:
    """The `.gitignore` of one folder, as (folder, spec); [] when there is none."""
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return []
    import pathspec

    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [(folder.resolve(), pathspec.GitIgnoreSpec.from_lines(lines))]


def _parent_ignores(folder: Path) -> list:
    """The `.gitignore` files above `folder` up to its repository root (the folder holding `.git`)."""
    chain = []
    here = folder.resolve()
    for parent in here.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []       # not inside a repository: its parents' ignore files are not ours to apply
    specs = []
    for parent in reversed(chain):
        specs += _ignore_file(parent)
    return specs


def _ignored(path: Path, specs: list, is_dir: bool = False) -> bool:
    """git's answer: the last `.gitignore` (deepest) with a matching pattern decides, negations included."""
    resolved = path.resolve()
    verdict = False
    for base, spec in specs:
        try:
            relative = resolved.relative_to(base).as_posix()
        except ValueError:
            continue
        result = spec.check_file(relative + ("/" if is_dir else ""))
        if result.include is not None:
            verdict = result.include
    return verdict


def _spec(patterns: list[str]):
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _matches(spec, path: Path, is_dir: bool = False) -> bool:
    """`--exclude` patterns, relative to the working directory (an absolute path outside it by name)."""
    if spec is None:
        return False
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        relative = resolved.as_posix().lstrip("/")
    return spec.match_file(relative + ("/" if is_dir else ""))


def _pickable(path: Path, excluded) -> bool:
    return path.is_file() and report_like(path) and not _matches(excluded, path) and \
        not any(part.startswith(".") for part in path.parts[:-1] if part not in (".", ".."))


def _is_root(folder: Path) -> bool:
    resolved = folder.resolve()
    return resolved == resolved.parent


def _links_outside(path: Path, folder: Path) -> bool:
    return path.is_symlink() and not path.resolve().is_relative_to(folder.resolve())


def _glob_base(pattern: str) -> Path:
    """The folder a glob starts from: its parts before the first one with a wildcard."""
    from pathlib import PurePath

    parts = PurePath(pattern).parts
    first = next((i for i, part in enumerate(parts) if _GLOB_CHARS & set(part)), len(parts))
    return Path(*parts[:first]) if first else Path(".")


def _glob(pattern: str) -> list[str]:
    """Matches of a glob, through pathlib, whose `**` does not follow links to folders (glob.glob's does,
    into cycles or the whole file system); like the shell, `*` does not match hidden names."""
    from pathlib import PurePath

    base = _glob_base(pattern)
    rest = PurePath(pattern).parts[len(base.parts):]
    if not rest or (base.is_dir() and _is_root(base) and "**" in rest):
        return []
    asks_hidden = any(part.startswith(".") for part in rest)
    return [str(path) for path in base.glob("/".join(rest))
            if (asks_hidden or not any(name.startswith(".") for name in path.relative_to(base).parts))
            and not path.is_dir()]


def _is_output(path: str, written: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == out or out in resolved.parents for out in written)


# --- standard input ----------------------------------------------------------------------------------

def read_stdin(name: str | None, lang: str = "en") -> tuple[str, str]:
    """Standard input saved to a private temporary file named like `name` (its type decides the reader).
    Returns (temporary path, the name findings carry)."""
    import sys
    import tempfile

    from check_report import readers
    from check_report.i18n import t
    from check_report.readers.base import InputError

    display = name or "stdin.txt"
    if not readers.supported(display):
        raise InputError(t("cli.stdin_name", lang, name=display))
    try:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    except OSError as exc:
        raise InputError(t("cli.stdin_read", lang, error=exc.strerror or exc)) from None
    folder = tempfile.mkdtemp(prefix="check-report-stdin-")
    path = os.path.join(folder, Path(display).name)
    with open(path, "wb") as stream:
        stream.write(data)
    return path, display


def renamed(result: FileResult, old: str, new: str) -> FileResult:
    """A result with every mention of the path `old` (its own, its findings' places, its messages) as `new`."""
    from dataclasses import replace

    def place(location):
        return replace(location, path=new) if location.path == old else location

    def finding(f):
        figures = tuple(replace(fig, location=place(fig.location)) for fig in f.figures)
        return replace(f, figures=figures, extra_locations=tuple(place(loc) for loc in f.extra_locations),
                       message=f.message.replace(old, new))
    return replace(result, path=new, findings=[finding(f) for f in result.findings],
                   error=result.error.replace(old, new) if result.error else result.error,
                   notes=[note.replace(old, new) for note in result.notes])


# --- annotated copies ----------------------------------------------------------------------------------

def annotation_targets(paths: list[str], out: str, lang: str = "en",
                       names: dict[str, str] | None = None) -> dict[str, str]:
    """Where each input's annotated copy goes: OUT itself for one input when OUT is named like the copy
    (its extension: .xlsx for a workbook, .html for a page), else OUT/<relative path>/<name>,
    the relative path taken from the inputs' common folder, so `a/q1.xlsx` and `b/q1.xlsx` never meet.
    Two inputs of one name in one folder (`report.md`, `report.docx`) keep their own extension in the
    copy's name. Checked before any file is read: a copy never overwrites an input or another copy.
    `names` maps a path to the name it is shown under (standard input)."""
    from check_report.i18n import t
    from check_report.readers.base import InputError

    shown = {path: (names or {}).get(path, path) for path in paths}
    folder = Path(out)
    # "--annotate ann" must not write a workbook called "ann": a name without the copy's extension is a
    # folder, whatever the number of inputs
    named_copy = len(paths) == 1 and folder.suffix.lower() == Path(annotated_name(shown[paths[0]])).suffix
    as_folder = not named_copy or folder.is_dir() or out.endswith(("/", "\\"))
    if as_folder and folder.exists() and not folder.is_dir():
        key = "cli.overwrite" if same_file(out, paths) else "cli.annotate_not_folder"
        raise InputError(t(key, lang, path=out, name=annotated_name(next(iter(shown.values()), out))))
    if not as_folder:
        targets = {path: out for path in paths}
    else:
        parents = [os.path.dirname(os.path.abspath(p)) for p in shown.values()]
        base = os.path.commonpath(parents) if parents else ""
        plain = {path: annotated_name(p) for path, p in shown.items()}
        taken: dict[tuple, int] = {}
        for path, p in shown.items():
            key = (os.path.dirname(os.path.abspath(p)), plain[path])
            taken[key] = taken.get(key, 0) + 1
        targets = {}
        for path, p in shown.items():
            relative = os.path.relpath(os.path.dirname(os.path.abspath(p)), base)
            clash = taken[(os.path.dirname(os.path.abspath(p)), plain[path])] > 1
            name = annotated_name(p, keep_suffix=clash)
            targets[path] = str(folder / relative / name) if relative != "." else str(folder / name)
    seen: dict[str, str] = {}
    for path, target in targets.items():
        if same_file(target, paths):
            raise InputError(t("cli.overwrite", lang, path=target))
        key = os.path.abspath(target)
        if key in seen:
            raise InputError(t("cli.annotate_clash", lang, path=target, first=seen[key], second=shown[path]))
        seen[key] = shown[path]
    return targets


def annotated_name(path: str, keep_suffix: bool = False) -> str:
    """q1.xlsx -> q1.checked.xlsx; report.md -> report.checked.html (text inputs become a web page);
    with `keep_suffix` (two inputs would share the name) report.md -> report.md.checked.html."""
    source = Path(path)
    suffix = ".xlsx" if source.suffix.lower() in WORKBOOK_SUFFIXES else ".html"
    stem = source.name if keep_suffix else source.stem
    return f"{stem}.checked{suffix}"


def same_file(target: str, paths: list[str]) -> bool:
    """Whether writing `target` would replace one of the inputs."""
    resolved = Path(target).resolve()
    return any(Path(path).resolve() == resolved for path in paths if path != STDIN)
