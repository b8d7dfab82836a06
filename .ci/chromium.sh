#!/usr/bin/env bash
# Installs what the browser test of the report pages needs, with apt-get,
# when it is missing: Debian's chromium (headless rendering) and
# fonts-noto-cjk (so that Chinese pages are drawn with real glyphs in the
# screenshots, not boxes).
set -euo pipefail

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
	need+=(fonts-noto-cjk)
fi
if [ ${#need[@]} -gt 0 ]; then
	echo "chromium.sh: installing ${need[*]} with apt-get"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
chromium --version
