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
  # shellcheck disable=SC2086
  if ! $SUDO apt-get install -y -q $missing >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q $missing >/dev/null
  fi
fi
