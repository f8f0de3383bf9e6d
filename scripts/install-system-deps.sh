#!/usr/bin/env bash
# Debian packages used by optional features; installs only what is missing.
set -euo pipefail
need=()
command -v antiword >/dev/null 2>&1 || need+=(antiword)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-vie)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# DejaVu Serif: the OCR test typesets a Vietnamese page with it.
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]] || need+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
((${#need[@]})) || exit 0
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "missing system packages (install them as root): ${need[*]}" >&2; exit 0; fi
fi
echo "installing system packages: ${need[*]}" >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
