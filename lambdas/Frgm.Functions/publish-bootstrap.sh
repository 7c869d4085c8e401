#!/usr/bin/env bash
# Publishes the Functions executable with Native AOT as OUT/bootstrap: the whole Lambda package of the
# custom runtime (provided.al2023). Used by the CDK bundling (local and Docker), test.sh and the benchmark.
#   publish-bootstrap.sh linux-arm64 OUT   what Lambda runs (cross-links on x64: see README.md)
#   publish-bootstrap.sh linux-x64 OUT     what the tests run here
set -euo pipefail
rid="${1:?usage: publish-bootstrap.sh linux-arm64|linux-x64 OUT}"
out="${2:?usage: publish-bootstrap.sh linux-arm64|linux-x64 OUT}"
here="$(cd "$(dirname "$0")" && pwd)"
case "$rid" in linux-arm64|linux-x64) ;; *) echo "publish-bootstrap.sh: unsupported runtime '$rid'" >&2; exit 2 ;; esac

args=()
host="$(uname -m)"
if [ "$rid" = linux-arm64 ] && [ "$host" != aarch64 ]; then
  # Cross-link with clang and Debian's aarch64 binutils and libc (binutils-aarch64-linux-gnu,
  # gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, clang); the ILCompiler package only emits object code.
  command -v clang >/dev/null && command -v aarch64-linux-gnu-ld >/dev/null || {
    echo "publish-bootstrap.sh: cross-linking for linux-arm64 needs clang and aarch64-linux-gnu binutils (see lambdas/Frgm.Functions/README.md)" >&2
    exit 3
  }
  args+=(-p:CppCompilerAndLinker=clang -p:ObjCopyName=aarch64-linux-gnu-objcopy)
fi

publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT
dotnet publish "$here/Frgm.Functions.csproj" -c Release -r "$rid" -p:PublishAot=true -nologo -clp:ErrorsOnly -warnaserror \
  "${args[@]}" -o "$publish" >&2
mkdir -p "$out"
# Only the executable: the .dbg symbols stay behind, and libe_sqlite3 only serves the runner's embedded mode.
install -m 0755 "$publish/Frgm.Functions" "$out/bootstrap"
