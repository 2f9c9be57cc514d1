#!/usr/bin/env bash
# Full verification: lint, typecheck, the production build started once,
# unit+integration tests on the embedded database, the same suites on a
# throwaway PostgreSQL, then the browser suite (headless Chromium + axe).
# Run via `npm run test:all`.
#
# Provisions PostgreSQL and Chromium with apt-get when they are missing. With
# CI=true anything missing or failing is fatal; outside CI, suites whose
# prerequisites cannot be installed are skipped with a loud warning.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly ROOT=$PWD
readonly CHROMIUM=/usr/bin/chromium
readonly CLUSTER_SCRIPT=$ROOT/scripts/postgres-cluster.sh

is_ci() { [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]; }

if [[ -t 1 ]]; then
  BOLD=$'\e[1m' RED=$'\e[1;31m' YELLOW=$'\e[1;33m' GREEN=$'\e[1;32m' RESET=$'\e[0m'
else
  BOLD='' RED='' YELLOW='' GREEN='' RESET=''
fi
readonly RULE='========================================================================'

info() { printf '%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
error() { printf '%stest-all: ERROR: %s%s\n' "$RED" "$*" "$RESET" >&2; }
loud_warning() {
  printf '\n%s%s\n!!! WARNING: %s\n%s%s\n\n' "$YELLOW" "$RULE" "$*" "$RULE" "$RESET" >&2
}

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [[ -x "$CHROMIUM" ]]; }

# ---------------------------------------------------------------- provision
provision() {
  local -a missing=()
  have_postgres || missing+=(postgresql)
  have_chromium || missing+=(chromium)
  [[ ${#missing[@]} -gt 0 ]] || return 0

  info "Missing system packages: ${missing[*]}"
  local -a sudo=()
  local can_install=1
  if [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      # Never wait for a password prompt without a terminal (e.g. in CI).
      if is_ci || [[ ! -t 0 ]]; then sudo=(sudo -n); else sudo=(sudo); fi
    else
      error "not root and sudo is not available: cannot install ${missing[*]}"
      can_install=0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    error "apt-get not found: cannot install ${missing[*]}"
    can_install=0
  fi

  if (( can_install )); then
    info "Installing ${missing[*]} with apt-get${sudo:+ (via ${sudo[*]})}"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update; then
      error "apt-get update failed"
    elif ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
          apt-get install -y --no-install-recommends "${missing[@]}"; then
      error "apt-get install ${missing[*]} failed"
    fi
  fi

  if is_ci; then
    have_postgres || { error "PostgreSQL is required in CI (apt package: postgresql)"; exit 1; }
    have_chromium || { error "Chromium is required in CI at $CHROMIUM (apt package: chromium)"; exit 1; }
  fi
}

# ------------------------------------------------------------------ cluster
PG_DIR=''
cleanup() {
  local status=$?
  if [[ -n "$PG_DIR" ]]; then
    "$CLUSTER_SCRIPT" stop "$PG_DIR" || true
    PG_DIR=''
  fi
  return "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# shellcheck disable=SC2016 # $1 is expanded by the inner bash
port_is_free() { ! (timeout 2 bash -c 'echo > "/dev/tcp/127.0.0.1/$1"' _ "$1") >/dev/null 2>&1; }

# Sets PG_URL. Retries with another port in case of a race on the port.
start_cluster() {
  local attempt port
  for attempt in 1 2 3; do
    port=$((55000 + RANDOM % 5000))
    port_is_free "$port" || continue
    PG_DIR=$(mktemp -d /tmp/guichet-pg.XXXXXX)
    if PG_URL=$("$CLUSTER_SCRIPT" start "$PG_DIR" "$port"); then
      return 0
    fi
    "$CLUSTER_SCRIPT" stop "$PG_DIR" || true
    PG_DIR=''
    error "could not start PostgreSQL on port $port (attempt $attempt)"
  done
  return 1
}

# -------------------------------------------------------------------- steps
declare -a SUMMARY=()
FAILED=''

# run_step NAME [VAR=value...]: `npm run NAME` with extra environment.
run_step() {
  local name=$1; shift
  local start=$SECONDS status=0
  printf '\n%s%s\n==> npm run %s\n%s%s\n' "$BOLD" "$RULE" "$name" "$RULE" "$RESET"
  env "$@" npm run "$name" || status=$?
  local elapsed=$((SECONDS - start))
  if (( status == 0 )); then
    SUMMARY+=("$(printf '  %-14s %sok%s      %4ss' "$name" "$GREEN" "$RESET" "$elapsed")")
    printf '%s==> npm run %s passed in %ss%s\n' "$GREEN" "$name" "$elapsed" "$RESET"
  else
    SUMMARY+=("$(printf '  %-14s %sFAILED%s  %4ss (exit %s)' "$name" "$RED" "$RESET" "$elapsed" "$status")")
    printf '%s==> npm run %s FAILED (exit %s) after %ss%s\n' "$RED" "$name" "$status" "$elapsed" "$RESET" >&2
    FAILED=$name
  fi
  return "$status"
}

skip_step() {
  SUMMARY+=("$(printf '  %-14s %sSKIPPED%s (%s)' "$1" "$YELLOW" "$RESET" "$2")")
}

print_summary() {
  printf '\n%s%s\nSummary\n%s%s\n' "$BOLD" "$RULE" "$RULE" "$RESET"
  local line
  for line in "${SUMMARY[@]}"; do printf '%s\n' "$line"; done
  printf '  %-14s         %4ss\n' "total" "$SECONDS"
}

main() {
  SECONDS=0
  info "Guichet test-all (node $(node --version), npm $(npm --version), CI=${CI:-})"

  provision

  local pg_ok=1 browser_ok=1 skipped=''
  if ! have_postgres; then
    pg_ok=0
    skipped+=" test:pg"
    loud_warning "PostgreSQL is not installed and could not be installed (apt package: postgresql). The PostgreSQL suite (npm run test:pg) will be SKIPPED."
  fi
  if ! have_chromium; then
    browser_ok=0
    skipped+=" test:browser"
    loud_warning "Chromium is not installed at $CHROMIUM and could not be installed (apt package: chromium). The browser suite (npm run test:browser) will be SKIPPED."
  fi

  # The embedded-database suites must not pick up a database from the caller.
  unset TEST_DATABASE_URL

  PG_URL=''
  if (( pg_ok )); then
    info "Starting a throwaway PostgreSQL cluster"
    if ! start_cluster; then
      error "could not start a throwaway PostgreSQL cluster"
      exit 1
    fi
    info "PostgreSQL: $PG_URL (data in $PG_DIR, removed on exit)"
  fi

  local status=0
  {
    run_step lint &&
    run_step typecheck &&
    run_step build &&
    run_step smoke:prod &&
    run_step test &&
    if (( pg_ok )); then
      run_step test:pg "TEST_DATABASE_URL=$PG_URL"
    else
      skip_step test:pg "PostgreSQL not available"
    fi &&
    if (( browser_ok )); then
      run_step test:browser "CHROMIUM_PATH=$CHROMIUM"
    else
      skip_step test:browser "Chromium not available"
    fi
  } || status=$?

  print_summary
  if [[ -n "$FAILED" ]] || (( status != 0 )); then
    printf '\n%stest-all: FAILED at npm run %s%s\n' "$RED" "${FAILED:-?}" "$RESET" >&2
    exit 1
  fi
  if [[ -n "$skipped" ]]; then
    loud_warning "Passed, but these suites were SKIPPED:$skipped (outside CI only; CI=true makes this fatal)."
  else
    printf '\n%stest-all: all steps passed%s\n' "$GREEN" "$RESET"
  fi
}

main "$@"
