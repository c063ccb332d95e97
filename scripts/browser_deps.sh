#!/usr/bin/env bash
# Make sure the browser tests (tests/browser) can run: axe-core from npm, Debian's chromium and
# the Noto CJK fonts. Installs what is missing where it can (npm always; apt-get as root);
# otherwise says exactly what to run and exits 1. `make test` and `make browser` run this.
#
# CHROMIUM and CJK_FONT name the files checked; the browser tests read CHROMIUM too.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CJK_FONT=${CJK_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
AXE=node_modules/axe-core/axe.min.js
APT="apt-get install -y --no-install-recommends"

cannot() {
  {
    echo
    echo "*** The browser tests cannot run: $1"
    echo "*** $2"
    echo "*** Then run \`make test\` again; \`make test-fast\` runs everything but the browser tests."
    echo
  } >&2
  exit 1
}

install_axe() {
  [[ -f $AXE ]] && return
  echo "Installing axe-core from npm for the browser tests: npm ci --no-audit --no-fund"
  npm ci --no-audit --no-fund ||
    cannot "\`npm ci --no-audit --no-fund\` failed (see above)." "Fix that and run it in $PWD."
  [[ -f $AXE ]] || cannot "$AXE is still missing after npm ci." "Check package-lock.json."
}

# axe-core first, so that it is in place whatever happens below.
if command -v npm >/dev/null; then install_axe; fi

packages=()
[[ -x $CHROMIUM ]] || packages+=(chromium)
[[ -f $CJK_FONT ]] || packages+=(fonts-noto-cjk)
[[ -f $AXE ]] || packages+=(npm)

if ((${#packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    cannot "missing Debian packages ${packages[*]}." \
      "Install them as root: sudo apt-get install --no-install-recommends ${packages[*]}"
  elif ! command -v apt-get >/dev/null; then
    cannot "missing ${packages[*]}, and there is no apt-get here." \
      "Install Debian's ${packages[*]} (the tests use $CHROMIUM) some other way."
  fi
  echo "Installing Debian packages for the browser tests: $APT ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet (or stale ones): update and try once more.
  $APT "${packages[@]}" || { apt-get update && $APT "${packages[@]}"; } ||
    cannot "\`$APT ${packages[*]}\` failed (see above)." "Fix that and run it again as root."
  [[ -x $CHROMIUM ]] || cannot "$CHROMIUM is still missing after installing chromium." \
    "Debian's chromium package provides /usr/bin/chromium; set CHROMIUM if yours is elsewhere."
  [[ -f $CJK_FONT ]] || cannot "$CJK_FONT is still missing after installing fonts-noto-cjk." \
    "Set CJK_FONT to the file fonts-noto-cjk installed."
  install_axe
fi
echo "Browser tests: $CHROMIUM, Noto CJK fonts and axe-core are in place."
