# Sourced by scripts/run and scripts/test: make .venv with Python 3.12 and install $REQUIREMENTS
# (requirements.txt, the runtime; scripts/test asks for requirements-dev.txt) when it changed
# since the last install.
REQUIREMENTS="${REQUIREMENTS:-requirements.txt}"

# CI may start with a bare environment: PATH unset or not exported, so programs started from Python
# (the embedded PostgreSQL's useradd, apt's dpkg) would see only /bin:/usr/bin.
export PATH="${PATH:-/usr/local/bin:/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"

# The first Python 3.12 found: $PYTHON, then python3.12 on PATH, then pyenv's 3.12 builds (CI may
# start with a bare PATH and no HOME, where pyenv's shims are not on PATH), then the system's.
find_python312() {
  local pyenv_root="${PYENV_ROOT:-${HOME:-/root}/.pyenv}" candidate
  for candidate in "${PYTHON:-}" "$(command -v python3.12 2>/dev/null)" \
    "$pyenv_root"/versions/3.12.1/bin/python3.12 "$pyenv_root"/versions/3.12*/bin/python3.12 \
    /root/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  if command -v pyenv >/dev/null 2>&1 && pyenv versions --bare 2>/dev/null | grep -qx "3.12.1"; then
    export PYENV_VERSION="${PYENV_VERSION:-3.12.1}"
  fi
  if ! PYTHON="$(find_python312)"; then
    echo "Python 3.12 is needed and none was found: set PYTHON=/path/to/python3.12" >&2
    exit 1
  fi
  echo "Creating the virtualenv in .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
requirements_sha=$(cat "$REQUIREMENTS" requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.requirements.sha256 2>/dev/null)" != "$requirements_sha" ]; then
  echo "Installing $REQUIREMENTS"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$requirements_sha" > .venv/.requirements.sha256
fi
