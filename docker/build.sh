#!/bin/sh
# build.sh OUTDIR — builds the static prophasis and prophasis-agent binaries
# into OUTDIR. The Dockerfiles run exactly this script, and docker/build_test.go
# runs it without docker, so the images ship the binaries the tests checked.
#
# Environment: VERSION (default: git describe, else "devel"), GOOS/GOARCH
# (default: the build machine's), GO (default: go).
set -eu

out=${1:?usage: docker/build.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-go}
if [ -z "${VERSION:-}" ]; then
	VERSION=$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo devel)
fi

mkdir -p "$out"
cd "$root"
for cmd in prophasis prophasis-agent; do
	CGO_ENABLED=0 "$GO" build -trimpath \
		-ldflags "-s -w -X github.com/prophasis/prophasis/internal/buildinfo.version=$VERSION" \
		-o "$out/$cmd" "./cmd/$cmd"
done
echo "built prophasis and prophasis-agent $VERSION in $out"
