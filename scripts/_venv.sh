# Sourced by scripts/run and scripts/test: make .venv with Python 3.12 and install $REQUIREMENTS
# (requirements.txt, the runtime; scripts/test asks for requirements-dev.txt) when it changed
# since the last install.
REQUIREMENTS="${REQUIREMENTS:-requirements.txt}"
if command -v pyenv >/dev/null 2>&1 && pyenv versions --bare 2>/dev/null | grep -qx "3.12.1"; then
  export PYENV_VERSION="${PYENV_VERSION:-3.12.1}"
fi
PYTHON="${PYTHON:-python3.12}"
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
    echo "Python 3.12 is needed: set PYTHON=/path/to/python3.12" >&2
    exit 1
  fi
  echo "Creating the virtualenv in .venv"
  "$PYTHON" -m venv .venv
fi
requirements_sha=$(cat "$REQUIREMENTS" requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.requirements.sha256 2>/dev/null)" != "$requirements_sha" ]; then
  echo "Installing $REQUIREMENTS"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$requirements_sha" > .venv/.requirements.sha256
fi
