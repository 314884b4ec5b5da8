#!/usr/bin/env bash
# Offline dependency check: every component of the SBOM (target/bom.json, written by the build's
# cyclonedx-maven-plugin) against .ci/advisories.tsv. A version below a row's fixed_in fails,
# unless the row accepts it (then it is reported with the reason). Needs jq and sort -V.
#   deps-check.sh [BOM] [ADVISORIES]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
bom="${1:-$root/target/bom.json}"
advisories="${2:-$root/.ci/advisories.tsv}"
[ -s "$bom" ] || { echo "deps-check: no SBOM at $bom (run the Maven build)" >&2; exit 1; }

version_below() { # a b: a < b
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]
}

components="$(jq -r '.components[] | "\(.group):\(.name)\t\(.version)"' "$bom" | sort -u)"
failed=0
accepted=0
checked=0
while IFS=$'\t' read -r artifact fixed ids action note; do
  case "$artifact" in '' | '#'*) continue ;; esac
  while IFS=$'\t' read -r name version; do
    [ "$name" = "$artifact" ] || continue
    checked=$((checked + 1))
    if version_below "$version" "$fixed"; then
      if [ "$action" = accept ]; then
        accepted=$((accepted + 1))
        echo "deps-check: ACCEPTED $artifact $version ($ids): $note"
      else
        failed=$((failed + 1))
        echo "deps-check: FAIL $artifact $version is below $fixed ($ids: $note)"
      fi
    fi
  done <<<"$components"
done <"$advisories"
echo "deps-check: $(wc -l <<<"$components") components, $checked matched an advisory row, $failed vulnerable, $accepted accepted"
[ "$failed" = 0 ]
