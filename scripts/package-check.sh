#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the .deb and .tar.gz from a configured build dir, checks the package contents and
# lintian's verdict, installs it with apt and smoke-tests the installed binary.
# Usage: scripts/package-check.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

cd "$build"
rm -f hookscope_*.deb hookscope-*.tar.gz
cpack -G "DEB;TGZ" > cpack.log 2>&1 || { cat cpack.log; exit 1; }
deb=$(ls hookscope_*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/hookscope ./usr/bin/hookscope-relay ./usr/share/applications/dev.hookscope.Hookscope.desktop \
            ./usr/share/metainfo/dev.hookscope.Hookscope.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/dev.hookscope.Hookscope.svg \
            ./usr/share/icons/hicolor/48x48/apps/dev.hookscope.Hookscope.png \
            ./usr/share/man/man1/hookscope.1.gz ./usr/share/bash-completion/completions/hookscope \
            ./usr/share/doc/hookscope/copyright; do
    grep -q " $path\$" <<<"$contents" || { echo "package lacks $path"; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "depends: $depends"
grep -q "libqt6core6" <<<"$depends" || { echo "shlibdeps did not compute the Qt dependencies"; exit 1; }

if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$root/packaging/linux/dev.hookscope.Hookscope.desktop"
fi
if command -v appstreamcli > /dev/null; then
    appstreamcli validate --no-net --pedantic "$root/packaging/linux/dev.hookscope.Hookscope.metainfo.xml" || \
        appstreamcli validate --no-net "$root/packaging/linux/dev.hookscope.Hookscope.metainfo.xml"
fi
# lintian: errors fail the build; warnings are shown.
lintian --no-tag-display-limit --suppress-tags-from-file "$root/packaging/linux/lintian-overrides" "$deb" | tee lintian.log || true
if grep -q "^E:" lintian.log; then
    echo "lintian reported errors"
    exit 1
fi

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" > apt-install.log 2>&1 || { cat apt-install.log; exit 1; }
/usr/bin/hookscope --version

data=$(mktemp -d)
/usr/bin/hookscope listen --data-dir "$data" --port 0 > "$data/listen.out" 2> "$data/listen.err" &
pid=$!
for _ in $(seq 50); do
    grep -q "Listening on" "$data/listen.err" 2>/dev/null && break
    sleep 0.1
done
port=$(sed -n 's|^Listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$data/listen.err")
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$root/tests/fixtures/platform-ticket-created.json" "http://127.0.0.1:$port/")
kill -TERM "$pid"
wait "$pid"
[ "$status" = 200 ] || { echo "installed hookscope listen answered $status"; cat "$data/listen.err"; exit 1; }
/usr/bin/hookscope export --data-dir "$data" --format csv --filter 'ticket:created' -o - | grep -q ',ticket:created,' \
    || { echo "installed hookscope export did not find the event"; exit 1; }
rm -rf "$data"
echo "package check: ok"
