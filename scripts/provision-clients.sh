#!/usr/bin/env bash
# The real clients the end-to-end tests run (they never skip): docker (the client only), pip,
# twine, cargo 1.74 or later, mvn, go, bundle, gradle, and python3 and openssl for the fakes.
#
#   scripts/provision-clients.sh             installs what is missing with apt-get, or stops
#   scripts/provision-clients.sh --versions  the same, then prints each client's version
#
# `npm test` runs it first (the `pretest` script) and `.ci/run` runs it with --versions: one list.
# On Debian or Ubuntu, as root or with password-less sudo, it installs the missing Debian packages
# without questions. Anywhere else (no apt-get, no root and no sudo, another OS) it installs
# nothing: it exits 1 at once, printing the command that installs each missing client there.
# Nothing is downloaded when every client is present.
set -uo pipefail

# client | Debian package | Homebrew formula (macOS)
CLIENTS=(
  "docker|docker.io|docker"
  "pip|python3-pip|python"
  "python3|python3|python"
  "twine|twine|twine"
  "cargo|cargo-web|rust"
  "mvn|maven|maven"
  "go|golang-go|go"
  "bundle|ruby-bundler|ruby"
  "gradle|gradle|gradle"
  "openssl|openssl|openssl"
)

# Sparse registries with a credential provider need Cargo 1.74. Debian bookworm's own `cargo` is
# 1.65; its `cargo-web` package brings 1.85 or later.
CARGO_MINIMUM_MINOR=74

present() {
  local client=$1
  command -v "$client" >/dev/null 2>&1 || return 1
  [ "$client" != cargo ] || cargo_new_enough
}

cargo_new_enough() {
  local version
  version=$(cargo --version 2>/dev/null) || return 1
  [[ $version =~ ^cargo\ ([0-9]+)\.([0-9]+)\. ]] || return 1
  ((BASH_REMATCH[1] > 1 || (BASH_REMATCH[1] == 1 && BASH_REMATCH[2] >= CARGO_MINIMUM_MINOR)))
}

missing_clients=()
missing_debian=()
missing_brew=()
for entry in "${CLIENTS[@]}"; do
  IFS='|' read -r client debian brew <<<"$entry"
  if ! present "$client"; then
    missing_clients+=("$client")
    missing_debian+=("$debian")
    missing_brew+=("$brew")
  fi
done

# How to become root here: nothing (root), sudo without a password, or not at all.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo -n "$@"
  fi
}
can_install_with_apt() {
  [ "$(uname -s)" = Linux ] || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

# The command that installs `client` on this kind of machine, for a person to run.
install_command() {
  local index=$1 client=${missing_clients[$1]}
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo '
  case "$(uname -s)" in
    Darwin)
      case $client in
        pip | python3) echo "brew install python" ;;
        bundle) echo "brew install ruby && gem install bundler" ;;
        docker) echo "brew install docker  # the client; no daemon is needed" ;;
        cargo) echo "brew install rust  # or https://rustup.rs: rustup toolchain install stable" ;;
        *) echo "brew install ${missing_brew[$index]}" ;;
      esac
      ;;
    *)
      if [ "$client" = cargo ] && command -v rustup >/dev/null 2>&1; then
        echo "rustup toolchain install stable && rustup default stable  # cargo 1.${CARGO_MINIMUM_MINOR} or later"
      elif command -v apt-get >/dev/null 2>&1 || [ "$(uname -s)" = Linux ]; then
        echo "${sudo}apt-get install -y --no-install-recommends ${missing_debian[$index]}"
      else
        echo "install '$client' (Debian package ${missing_debian[$index]}) and put it on PATH"
      fi
      ;;
  esac
}

if [ ${#missing_clients[@]} -gt 0 ]; then
  if can_install_with_apt; then
    echo "provision-clients: installing ${missing_debian[*]} with apt-get for ${missing_clients[*]}"
    if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing_debian[@]}" >/dev/null; }; then
      echo "provision-clients: apt-get could not install ${missing_debian[*]}" >&2
    fi
    still_missing=()
    for client in "${missing_clients[@]}"; do present "$client" || still_missing+=("$client"); done
    if [ ${#still_missing[@]} -gt 0 ]; then
      echo "provision-clients: still missing after apt-get: ${still_missing[*]}" >&2
      for index in "${!missing_clients[@]}"; do
        case " ${still_missing[*]} " in
          *" ${missing_clients[$index]} "*)
            echo "  ${missing_clients[$index]}: $(install_command "$index")" >&2
            ;;
        esac
      done
      exit 1
    fi
  else
    {
      echo "provision-clients: the tests run these clients, missing here: ${missing_clients[*]}"
      echo "This machine cannot install them itself (it needs Linux with apt-get, as root or with"
      echo "password-less sudo). Install each, then run npm test again:"
      for index in "${!missing_clients[@]}"; do
        echo "  ${missing_clients[$index]}: $(install_command "$index")"
      done
      if [[ " ${missing_clients[*]} " == *" cargo "* ]] && command -v cargo >/dev/null 2>&1; then
        echo "  ($(cargo --version) is too old: the tests need cargo 1.${CARGO_MINIMUM_MINOR} or later)"
      fi
    } >&2
    exit 1
  fi
fi

if [ "${1:-}" = --versions ]; then
  {
    docker --version
    pip --version
    twine --version 2>/dev/null | tr -s '\n ' ' '
    echo
    cargo --version
    mvn -B --version 2>/dev/null | head -n 1
    go version
    bundle --version
    gradle --version 2>/dev/null | grep -m 1 '^Gradle'
  } | sed 's/\x1b\[[0-9;]*m//g'
fi
exit 0
