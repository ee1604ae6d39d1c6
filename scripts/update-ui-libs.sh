#!/usr/bin/env bash
# scripts/update-ui-libs.sh — refresh the web UI's front-end packages from the npm registry.
#
# The packages are committed under src/FlexMeasures.Api/Ui/wwwroot/static/lib/<name>/ (the build embeds them),
# so neither the build nor a running site needs npm or the internet. This script is only for changing a version:
# edit libs.tsv (version and the integrity npm publishes for it), run this, commit the result.
# Each tarball is checked against the integrity in libs.tsv before anything is copied.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$repo/src/FlexMeasures.Api/Ui/wwwroot/static/lib"
command -v npm >/dev/null 2>&1 || { echo "update-ui-libs.sh: npm is needed (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

grep -v '^#' "$lib/libs.tsv" | while IFS=$'\t' read -r name version licence integrity files; do
    [ -n "$name" ] || continue
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
    tarball="$work/$name-$version.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [ "$actual" != "$integrity" ]; then
        echo "update-ui-libs.sh: $name@$version: integrity $actual, libs.tsv says $integrity; nothing changed" >&2
        exit 1
    fi
    rm -rf "${work:?}/package"
    tar -xzf "$tarball" -C "$work"
    rm -rf "${lib:?}/$name"
    for f in $files; do
        mkdir -p "$lib/$name/$(dirname "$f")"
        cp "$work/package/$f" "$lib/$name/$f"
    done
    printf '%s %s (%s): %s\n' "$name" "$version" "$licence" "$files"
done
