#!/usr/bin/env bash
# Lint the BPMN models in processes/ with bpmnlint + bpmnlint-plugin-camunda-compat,
# using the rules in the repo's .bpmnlintrc.
#
# Usage (from the repo root):  bash .ci/lint-models.sh [file.bpmn ...]
#   No arguments: lints every processes/*.bpmn.
#
# The linter is installed with npm into a cache folder outside the repo
# (KAPCARE_LINT_DIR, default /tmp/kapcare-lint) and reused while the pinned
# versions stay the same. Needs only node (>= 20) and npm.
#
# Exit status: non-zero if any model has a lint error (warnings and infos are
# printed but do not fail, unless KAPCARE_LINT_MAX_WARNINGS is set, e.g. to 0).
set -euo pipefail

# Pinned tool versions. bpmnlint 12.x needs node >= 24 and a dependency that is
# not published, so stay on the 11.x line until that changes.
BPMNLINT_VERSION="11.15.0"
CAMUNDA_COMPAT_VERSION="2.61.0"
# Lets bpmnlint parse camunda:* attributes (see .bpmnlintrc "moddleExtensions");
# the camunda-compat plug-in README requires it for Camunda 7 models.
CAMUNDA_MODDLE_VERSION="8.0.1"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINT_DIR="${KAPCARE_LINT_DIR:-/tmp/kapcare-lint}"
MAX_WARNINGS="${KAPCARE_LINT_MAX_WARNINGS:--1}"

command -v node >/dev/null 2>&1 || { echo "lint-models: node is not installed" >&2; exit 2; }
command -v npm  >/dev/null 2>&1 || { echo "lint-models: npm is not installed" >&2; exit 2; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "lint-models: bpmnlint ${BPMNLINT_VERSION} needs node >= 20, found $(node --version)" >&2
  exit 2
fi

case "$LINT_DIR" in
  "$REPO_ROOT"|"$REPO_ROOT"/*)
    echo "lint-models: KAPCARE_LINT_DIR must be outside the repo ($LINT_DIR)" >&2
    exit 2 ;;
esac

stamp="bpmnlint@${BPMNLINT_VERSION} bpmnlint-plugin-camunda-compat@${CAMUNDA_COMPAT_VERSION} camunda-bpmn-moddle@${CAMUNDA_MODDLE_VERSION}"
stamp_file="$LINT_DIR/.kapcare-lint-stamp"
bpmnlint_bin="$LINT_DIR/node_modules/bpmnlint/bin/bpmnlint.js"

if [ ! -f "$bpmnlint_bin" ] || [ "$(cat "$stamp_file" 2>/dev/null || true)" != "$stamp" ]; then
  echo "lint-models: installing $stamp into $LINT_DIR"
  mkdir -p "$LINT_DIR"
  rm -f "$stamp_file"
  # shellcheck disable=SC2086
  (cd "$LINT_DIR" && npm install --prefix "$LINT_DIR" --save-exact --no-audit --no-fund \
      --no-update-notifier --loglevel=error $stamp)
  printf '%s' "$stamp" > "$stamp_file"
fi

cd "$REPO_ROOT"

if [ ! -f .bpmnlintrc ]; then
  echo "lint-models: $REPO_ROOT/.bpmnlintrc is missing" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  shopt -s nullglob
  files=(processes/*.bpmn)
  shopt -u nullglob
fi

if [ "${#files[@]}" -eq 0 ]; then
  echo "lint-models: no BPMN files found in processes/" >&2
  exit 1
fi

# bpmnlint resolves plug-ins and moddle extensions relative to the working
# directory; NODE_PATH lets it find them in the cache folder instead.
export NODE_PATH="$LINT_DIR/node_modules${NODE_PATH:+:$NODE_PATH}"

failed=()
for f in "${files[@]}"; do
  echo "==> Linting $f"
  if node "$bpmnlint_bin" --config .bpmnlintrc --max-warnings="$MAX_WARNINGS" "$f"; then
    echo "    $f: OK (no errors)"
  else
    echo "    $f: FAILED"
    failed+=("$f")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "lint-models: ${#failed[@]} of ${#files[@]} model(s) have lint errors: ${failed[*]}" >&2
  exit 1
fi

echo "lint-models: all ${#files[@]} model(s) passed"
