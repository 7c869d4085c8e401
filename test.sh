#!/usr/bin/env bash
# FRGM's one test command: installs what a fresh Debian machine lacks, builds with warnings as errors,
# runs every test project (tests start and stop their own local servers), prints the totals.
#   ./test.sh                 everything
#   ./test.sh --fast          only tests that start no outside process (no Needs=servers trait): no apt, npm or AOT publish
#   ./test.sh --filter EXPR   only tests matching a dotnet test filter (e.g. FullyQualifiedName~Redis)
#   ./test.sh --no-install    skip the apt/npm install step
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

filter=""
install=1
fast=0
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --fast) fast=1; install=0; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[test.sh %(%H:%M:%S)T] %s\n' -1 "$*"; }

if [ "$install" = 1 ]; then
  # Debian packages the tests need: redis-server (MemoryDB stand-in), Java (DynamoDB Local),
  # Chromium (browser tests), openssl (throwaway TLS certificates), the arm64 cross toolchain and qemu (below).
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v chromium >/dev/null || need+=(chromium)
  command -v openssl >/dev/null || need+=(openssl)
  # The Lambda bootstrap is Native AOT for linux-arm64: cross-linked with clang and Debian's aarch64 binutils
  # and libc, and run under qemu-user in the arm64 test.
  command -v clang >/dev/null || need+=(clang)
  command -v aarch64-linux-gnu-ld >/dev/null || need+=(binutils-aarch64-linux-gnu)
  command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
  [ -d /usr/aarch64-linux-gnu/lib ] || need+=(libc6-dev-arm64-cross)
  command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
  # The arm64 test runs the bootstrap against Debian's arm64 libc and libssl (multiarch), as Lambda's
  # provided.al2023 supplies them: TLS to MemoryDB loads libssl when it connects.
  if [ ! -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ]; then
    dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
    need+=(libc6:arm64 libssl3:arm64)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    log "installing Debian packages: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  # npm: node 22 for jsii, CDK CLI, cdk-nag, DynamoDB Local, s3rver, uPlot. Locked by package-lock.json.
  if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

export PATH="$root/node_modules/.bin:$PATH"
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
export FRGM_REPO_ROOT="$root"
if [ "$fast" = 1 ]; then
  # Test support refuses to start a server, browser, node or the bootstrap under this variable, so a server-backed
  # test that lacks its trait fails by name here (tests/Frgm.TestSupport/ServerTests.cs).
  export FRGM_TEST_NO_SERVERS=1
  filter="Needs!=servers${filter:+&($filter)}"
fi

log "restoring and building (warnings are errors)"
dotnet build Frgm.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly

# The Native AOT bootstrap the bootstrap tests run (linux-x64) and the one Lambda runs (linux-arm64, under
# qemu in its test): published once per source change, not per test (tests/Frgm.TestSupport/BootstrapBinary.cs).
rids=(linux-x64 linux-arm64)
[ "$fast" = 1 ] && rids=()
mapfile -t bootstrap_inputs < <(grep -v -e '^#' -e '^[[:space:]]*$' lambdas/Frgm.Functions/bootstrap-inputs.txt)
for rid in "${rids[@]}"; do
  bin="$root/artifacts/bootstrap/$rid/bootstrap"
  if [ ! -x "$bin" ] || [ -n "$(find "${bootstrap_inputs[@]}" \
        -type f -newer "$bin" -not -path '*/bin/*' -not -path '*/obj/*' -not -name '*.md' -print -quit)" ]; then
    log "publishing the Native AOT bootstrap for $rid"
    lambdas/Frgm.Functions/publish-bootstrap.sh "$rid" "$root/artifacts/bootstrap/$rid"
  fi
done

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
args=(Frgm.sln --no-build -c Debug --logger "trx" --results-directory "$results" -nologo)
[ -n "$filter" ] && args+=(--filter "$filter")

log "running tests"
set +e
dotnet test "${args[@]}"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the runner failed outside any test (crash, host abort): never report green
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
