#!/usr/bin/env bash
# Build the .docx samples from their markdown twins with pandoc (apt-get install -y pandoc).
# Markdown footnotes ([^1]) become real Word footnotes (word/footnotes.xml), bold labels stay bold runs.
# Run from anywhere: bash samples/build_docx.sh
set -euo pipefail
cd "$(dirname "$0")"
command -v pandoc >/dev/null || { echo "build_docx.sh: pandoc is not installed" >&2; exit 2; }
for name in report report-clean; do
    pandoc --from=markdown --to=docx --output="$name.docx" "$name.md"
    echo "built samples/$name.docx"
done
