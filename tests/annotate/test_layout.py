"""The annotated page of a .docx report holds its layout at any width, checked in headless Chromium.

The page is loaded into an iframe of exactly the width under test (a headless window is never narrower than
500 px, an iframe is), a script measures the boxes of every row's margin label, text and notes, and the
result comes back through `--dump-dom`: nothing overlaps, nothing sticks out of the page, and each row
starts below the previous one. Screenshots at 1280 and 480 px are kept as test artefacts in
`build/test-artefacts/annotate/` (or `$CHECK_REPORT_ARTEFACTS/annotate/`); the test prints where.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "report.docx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
ARTEFACTS = Path(os.environ.get("CHECK_REPORT_ARTEFACTS") or REPO / "build" / "test-artefacts") / "annotate"

# Measures every row; writes {"width", "scroll_width", "height", "rows", "problems": [...]} into the parent.
PROBE = """
<script>
window.addEventListener('load', () => {
  const frame = document.getElementById('page');
  const doc = frame.contentDocument, win = frame.contentWindow;
  const problems = [];
  const box = el => el.getBoundingClientRect();
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                            a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const width = win.innerWidth, scroll = doc.documentElement.scrollWidth;
  if (scroll > width) problems.push(`page is ${scroll}px wide in a ${width}px window`);
  let previous = null;
  const rows = [...doc.querySelectorAll('.row')];
  for (const row of rows) {
    const parts = ['.ln', '.text', '.notes'].map(s => row.querySelector(s)).filter(Boolean);
    const boxes = parts.map(box).filter(b => b.width > 0 && b.height > 0);
    for (let i = 0; i < boxes.length; i++) {
      if (boxes[i].right > width + 0.5) problems.push(`${row.id} ${parts[i].className} ends at ${boxes[i].right}`);
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i], boxes[j]))
          problems.push(`${row.id}: ${parts[i].className} overlaps ${parts[j].className}`);
    }
    // the label never spills into the text: its content fits its box
    const ln = row.querySelector('.ln');
    if (ln && ln.scrollWidth > ln.clientWidth + 1) problems.push(`${row.id}: margin label '${ln.textContent}' is cut`);
    const whole = box(row);
    if (previous && whole.top < previous.bottom - 0.5) problems.push(`${row.id} starts inside the row above`);
    previous = whole;
  }
  const out = {width, scroll_width: scroll, height: doc.documentElement.scrollHeight, rows: rows.length, problems};
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=180)


def _wrapper(page: str, width: int, height: int, probe: bool) -> str:
    # the page as an iframe of exactly `width` px: srcdoc keeps it same-origin for the probe
    inner = page.replace('<meta http-equiv="Content-Security-Policy"', '<meta name="csp-removed-for-the-probe"')
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{{margin:0}}'
            f'iframe{{border:0;display:block}}</style></head><body>'
            f'<iframe id="page" width="{width}" height="{height}" srcdoc="{html.escape(inner, quote=True)}">'
            f'</iframe>{PROBE if probe else ""}</body></html>')


@pytest.fixture(scope="module")
def docx_page(tmp_path_factory) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    if not SAMPLE.exists():
        pytest.skip("samples/report.docx has not been built")
    out = tmp_path_factory.mktemp("page") / "report.checked.html"
    done = subprocess.run([sys.executable, "-m", "check_report", str(SAMPLE), "--annotate", str(out), "--lang", "vi",
                           "--no-config"], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert out.exists(), done.stderr[-2000:]
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1280, 480])
def test_docx_page_layout_holds_at_any_width(docx_page, width, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(_wrapper(docx_page, width, 900, probe=True), encoding="utf-8")
    window = f"--window-size={max(width, 500) + 20},1000"
    dom = _chromium(tmp_path / "profile", window, "--dump-dom", probe.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not report (chromium said: {dom[-500:]})"
    result = json.loads(html.unescape(found.group(1)))
    assert result["width"] == width and result["rows"] > 20
    assert result["problems"] == [], result["problems"][:10]
    # a screenshot of the whole page at this width, kept for a person to look at
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shown = tmp_path / "shown.html"
    shown.write_text(_wrapper(docx_page, width, result["height"], probe=False), encoding="utf-8")
    shot = ARTEFACTS / f"report.docx.checked-{width}px.png"
    _chromium(tmp_path / "profile", f"--window-size={max(width, 500)},{result['height']}",
              f"--screenshot={shot}", "--hide-scrollbars", shown.as_uri())
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot at {width}px: {shot}")


def test_findings_are_numbered_in_reading_order(docx_page):
    """The numbers beside the text rise from the top of the document down."""
    first_seen: list[int] = []
    for number in re.findall(r'<mark class="\w+" title="#(\d+)">', docx_page):
        if int(number) not in first_seen:
            first_seen.append(int(number))
    assert first_seen == sorted(first_seen) and first_seen[0] == 1
