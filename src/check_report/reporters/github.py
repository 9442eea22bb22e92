"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=q1.md,line=37,title=rule::message` for text; spreadsheets have no line, so the command
names the file and the title carries the cell (`rule (Sheet1!H9)`). A finding that points into several
files gets one annotation per file. Values are escaped as the runner expects: `%`, CR and LF in the
message; additionally `:` and `,` in properties.
"""

from __future__ import annotations

from check_report.i18n import t
from check_report.reporters.machine import finding_paths, locations_in, place
from check_report.wording import place_in_file

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: dict, *, lang: str = "en") -> str:
    lines = []
    for file in report.get("files") or ():
        if file.get("status") == "error":
            lines.append(_command("error", {"file": file["path"], "title": "check-report"},
                                  file.get("error") or file["path"]))
    for finding in report.get("findings") or ():
        lines += _annotations(finding, lang)
    return "".join(line + "\n" for line in lines)


def _annotations(finding: dict, lang: str) -> list[str]:
    message = finding["message"]
    # a known finding (baseline, accepted in the file) is a notice: it neither fails nor alarms the check
    level = "notice" if finding.get("known") else COMMANDS.get(finding["severity"], "warning")
    if finding.get("known"):
        message = f"[{t('report.known', lang)}] {message}"
    message += _localised(finding, lang)
    paths = finding_paths(finding)
    if not paths:
        return [_command(level, {"title": finding["rule"]}, message)]
    out = []
    for path in paths:
        here = locations_in(finding, path)
        first = here[0] if here else {}
        props: dict = {"file": path}
        title = finding["rule"]
        if first.get("line") is not None:
            props["line"] = str(first["line"])
        elif place(first):
            title = f"{title} ({place_in_file(first, lang)})"
        others = list(dict.fromkeys(place_in_file(loc, lang) for loc in here[1:]
                                    if place(loc) and place(loc) != place(first)))
        text = f"{message} [{t('annotate.also', lang)} {', '.join(others)}]" if others else message
        props["title"] = title
        out.append(_command(level, props, text))
    return out


def _localised(finding: dict, lang: str) -> str:
    """The likely wrong figure and the other relations the same mistake breaks, on lines of their own."""
    from check_report.reporters.suspects import related_lines, suspects_line

    extra = [line for line in [suspects_line(finding, lang)] + related_lines(finding, lang) if line]
    return "".join("\n" + line for line in extra)


def _command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(str(text)).replace(":", "%3A").replace(",", "%2C")
