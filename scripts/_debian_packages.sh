# Sourced by scripts/test: Debian's packages the tests drive, installed here when missing: chromium
# for the browser tests (never a browser downloaded by Playwright) and nginx for the production
# recipe's slow-client test (config/nginx.conf).
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
missing=""
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM:-}" ]; then missing="$missing chromium"; fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then missing="$missing nginx"; fi
if [ -n "$missing" ]; then
  echo "Installing Debian's$missing for the tests"
  # Another install may hold dpkg's lock (a second test run, the system's own updates): wait for it.
  wait_for_lock="-o DPkg::Lock::Timeout=600"
  # shellcheck disable=SC2086
  if ! $SUDO apt-get $wait_for_lock install -y -q $missing >/dev/null 2>&1; then
    $SUDO apt-get $wait_for_lock update -q >/dev/null
    $SUDO apt-get $wait_for_lock install -y -q $missing >/dev/null
  fi
fi
