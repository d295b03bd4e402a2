# shellcheck shell=bash
# Shared by scripts/demo and scripts/test: install what is missing (Debian/Ubuntu), then build.

# ensure_packages pkg...: installs the missing Debian packages with apt-get when running as root or
# with password-less sudo; otherwise stops with a message naming them.
ensure_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "quantkit: not a Debian-based system; make sure these are installed: $*" >&2
    return 0
  fi
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "quantkit: installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "quantkit: missing packages: ${missing[*]}" >&2
      echo "quantkit: run as root, or install them first: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Packages every build needs (the library's dependencies, the test and bench frameworks).
QUANTKIT_BASE_PACKAGES=(cmake make g++ libeigen3-dev libboost-math-dev doctest-dev libbenchmark-dev)

jobs_default() {
  local n
  n=$(nproc 2>/dev/null || echo 2)
  echo "${CMAKE_BUILD_PARALLEL_LEVEL:-$n}"
}
