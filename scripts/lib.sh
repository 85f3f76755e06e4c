# Shared set-up for scripts/demo and scripts/test: install what is missing, say what could not be.
# Sourced, not run. Idempotent: a second run only checks.

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

_apt_updated=0
apt_install() {
  # Installs Debian packages when we are root on a Debian-like system; otherwise explains.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$_apt_updated" = 0 ]; then
      say "apt-get update"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      _apt_updated=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    die "missing: $*. Install them with your package manager (Debian/Ubuntu: sudo apt-get install $*), then run this again."
  fi
}

ensure_python_env() {
  local py=${PYTHON:-python3}
  command -v "$py" >/dev/null || die "python3 (3.11 or newer) is not installed"
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed; $("$py" --version) found. Set PYTHON=/path/to/python3.11"
  if [ ! -x .venv/bin/python ]; then
    say "creating the virtual environment in .venv"
    "$py" -m venv .venv || { apt_install python3-venv && "$py" -m venv .venv; }
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp=.venv/.c360-installed want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >.venv/pip.log 2>&1 \
      && .venv/bin/python -m pip install -e '.[dev]' >>.venv/pip.log 2>&1 \
      || { tail -30 .venv/pip.log >&2; die "pip install failed (full log: .venv/pip.log)"; }
    echo "$want" > "$stamp"
  fi
}

ensure_java_maven() {
  local pkgs=()
  if ! command -v java >/dev/null 2>&1; then pkgs+=(openjdk-17-jre-headless); fi
  if ! command -v mvn >/dev/null 2>&1; then pkgs+=(maven); fi
  if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}"; fi
}

ensure_chromium() {
  # Only the Browser end-to-end test needs it: Debian's Chromium and its driver, driven by
  # Playwright through executable_path (Playwright's own browser download is not used).
  if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
}

ensure_postgres_server() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
}
