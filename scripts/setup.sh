#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing (Debian 12 / Ubuntu 24.04 packages), then configures and builds
# with the given CMake preset. Sourced by scripts/run and scripts/test.
set -euo pipefail

HOOKSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HOOKSCOPE_ROOT

hookscope_packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev
    libqt6sql6-sqlite libsqlite3-dev qtkeychain-qt6-dev libqscintilla2-qt6-dev libgl-dev
    qt6-qpa-plugins fonts-dejavu-core qt6-tools-dev qt6-l10n-tools
    dbus-daemon gnome-keyring xvfb xauth
    curl lintian appstream desktop-file-utils clang-format
)

hookscope_install_missing() {
    local missing=()
    for p in "${hookscope_packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "hookscope: installing ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# hookscope_build <preset>
hookscope_build() {
    local preset="$1"
    cd "$HOOKSCOPE_ROOT"
    cmake --preset "$preset"
    # Two cores: more parallel jobs only add memory pressure.
    cmake --build --preset "$preset" --parallel "$(nproc)"
}
