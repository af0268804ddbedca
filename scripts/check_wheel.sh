#!/usr/bin/env bash
# Proves that reportgen works as an installed tool, away from this checkout:
#   1. build the wheel once (from a copy of the sources the wheel needs);
#   2. install it, not editable, into a throwaway virtual environment;
#   3. in an empty folder: `reportgen init proj`, copy in the contract files of the
#      fictitious second plan (tests/fixtures/ander_plan), and from inside `proj` run
#      `reportgen build --year 2022 --draft`;
#   4. check that out/2022/rapport.pdf exists and that the templates came from the
#      installed package, not from the checkout.
# Packages come from the registries configured for pip (pip may print harmless
# "Location ... is ignored" warnings). PYTHON selects the interpreter (default python3).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/reportgen-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" || true; }

echo "[1/4] wheel bouwen"
mkdir "$work/src"
cp -R "$repo/pyproject.toml" "$repo/README.md" "$repo/reportgen" "$repo/templates" "$work/src/"
find "$work/src" -name "__pycache__" -type d -prune -exec rm -rf {} +
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src" 2>&1 | quiet_pip
wheel=("$work"/dist/reportgen-*.whl)
test -f "${wheel[0]}" || { echo "geen wheel gebouwd" >&2; exit 1; }
echo "      ${wheel[0]##*/}"

echo "[2/4] installeren in een tijdelijke omgeving (niet bewerkbaar)"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${wheel[0]}" \
    2>&1 | quiet_pip
reportgen="$work/venv/bin/reportgen"
"$reportgen" --version

echo "[3/4] reportgen init en een conceptrapport in een lege map"
mkdir "$work/leeg"
cd "$work/leeg"
"$reportgen" init proj --start 2019 --eind 2025
for item in "$repo"/tests/fixtures/ander_plan/*/; do
    cp -R "$item" proj/data/
done
cd proj
"$reportgen" build --year 2022 --draft --quiet

echo "[4/4] controleren"
test -s out/2022/rapport.pdf || { echo "out/2022/rapport.pdf ontbreekt" >&2; exit 1; }
templates="$("$work/venv/bin/python" -c 'from reportgen import resources; print(resources.templates_dir())')"
case "$templates" in
    "$work/venv/"*) ;;
    *) echo "sjablonen niet uit het geïnstalleerde pakket: $templates" >&2; exit 1 ;;
esac
echo "      out/2022/rapport.pdf: $(wc -c < out/2022/rapport.pdf) bytes; sjablonen uit $templates"
echo "De wheel werkt buiten de checkout."
