# Shared by bin/run and bin/test. Sourced, not executed.
# Everything a fresh Debian machine lacks is installed here (apt when root, pip into .venv).

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT_DIR/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m!!  %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mxx  %s\033[0m\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }

APT_UPDATED=""
apt_install() {
    # apt_install PKG... : install Debian packages when we are root; return 1 otherwise.
    is_root && command -v apt-get >/dev/null 2>&1 || return 1
    if [ -z "$APT_UPDATED" ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_python() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && \
           "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

ensure_venv() {
    # ensure_venv [EXTRAS]: create .venv and install the project (and extras) when pyproject changed.
    local extras="${1:-}"
    if [ ! -x "$PY" ]; then
        local python
        python="$(find_python)" || { apt_install python3 python3-venv python3-dev && python="$(find_python)"; } \
            || die "Python 3.11 is needed: apt-get install python3 python3-venv (Debian 12)."
        say "Creating virtual environment in .venv"
        if ! "$python" -m venv "$VENV" 2>/dev/null; then
            apt_install python3-venv || die "python3 -m venv failed: apt-get install python3-venv"
            rm -rf "$VENV"; "$python" -m venv "$VENV"
        fi
    fi
    local want stamp
    want="$(cat "$ROOT_DIR/pyproject.toml" | sha1sum | cut -c1-12)-${extras:-base}"
    stamp="$VENV/.installed-$want"
    if [ ! -f "$stamp" ]; then
        say "Installing Python packages${extras:+ (with $extras extras)}"
        "$PY" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
        local spec="$ROOT_DIR"
        [ -n "$extras" ] && spec="$ROOT_DIR[$extras]"
        local log="$VENV/pip-install.log"
        if ! "$PY" -m pip install -q --disable-pip-version-check -e "$spec" >"$log" 2>&1; then
            cat "$log" >&2; die "pip install failed (log above, also in $log)."
        fi
        "$PY" -c 'import django, wagtail, oscar' || die "Python packages failed to install."
        rm -f "$VENV"/.installed-*
        touch "$stamp"
        # a test install also covers the base install
        if [ -n "$extras" ]; then touch "$VENV/.installed-${want%-*}-base"; fi
    fi
    return 0
}
