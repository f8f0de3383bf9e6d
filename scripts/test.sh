#!/usr/bin/env bash
# Install everything the tests need and run them: `bash scripts/test.sh [pytest args]`.
# System tools (Debian/Ubuntu): antiword (.doc), tesseract-ocr + tesseract-ocr-vie (--ocr),
# poppler-utils (pdftoppm), chromium (HTML report browser test). Installed with apt-get
# when missing (root, or sudo without a password).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
# the dask extra too: tests/test_dask.py starts a real scheduler and two workers
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,dask,browse]"

# underthesea writes to ~/.underthesea: keep the tests away from the real HOME.
export HOME="$(mktemp -d)"
export OMP_THREAD_LIMIT=1
.venv/bin/python -m pytest "$@"
