#!/usr/bin/env python3
"""Generate a large synthetic data set for scale tests and benchmarks (never committed).

    python scripts/generate_large_data.py --out /tmp/groot [--instellingen 60]
                                          [--personen 40000] [--tot 2028]

It keeps the example plan's reference files that do not depend on the institutions
(subthemes, function categories, KPIs, measures, committee, settings, outline), the example
texts and report settings, and invents everything per institution: names (fictitious:
"Instelling 01" ...), budgets, theme matrix, money, persons, KPI values and the workload
monitor. Every figure is synthetic. Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"
KEEP = ("subthemas.csv", "functiecategorieen.csv", "kpis.csv", "indicatoren.csv",
        "commissie.csv", "sectorplan.toml", "opbouw.toml")
CONTRACTVORMEN = (("vast", 0.62), ("toegezegd_vast", 0.06), ("tijdelijk", 0.22),
                  ("inloop", 0.10))
GESLACHTEN = (("v", 0.6), ("m", 0.395), ("x", 0.005))


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in weighted], [w for _, w in weighted])[0]


def generate(out: Path, n_inst: int, n_pers: int, last_year: int) -> None:
    rng = random.Random(f"groot/{n_inst}/{n_pers}")
    ref = out / "referentie"
    ref.mkdir(parents=True, exist_ok=True)
    for name in KEEP:
        if (EXAMPLE / "referentie" / name).exists():
            shutil.copy2(EXAMPLE / "referentie" / name, ref / name)
    sp = (ref / "sectorplan.toml").read_text(encoding="utf-8")
    sp = "\n".join(line for line in sp.splitlines() if not line.startswith("voorbeeld"))
    (ref / "sectorplan.toml").write_text(
        sp + '\nvoorbeeld = "Synthetische gegevens voor een schaaltest; geen bevindingen."\n',
        encoding="utf-8")
    codes = [f"I{i:02d}" for i in range(1, n_inst + 1)]
    _write(ref / "umcs.csv", ["code", "naam", "volgorde"],
           [[c, f"Instelling {c[1:]}", i] for i, c in enumerate(codes, start=1)])
    per_inst = n_pers / n_inst
    _write(ref / "begroting.csv", ["umc", "begroot_fte"],
           [[c, f"{per_inst * 0.55:.2f}"] for c in codes])
    subthemas = [r["code"] for r in _read(ref / "subthemas.csv")]
    _write(ref / "themamatrix.csv", ["umc", "subthema", "inzet"],
           [[c, s, rng.choice(("hoofd", "beperkt"))] for c in codes for s in subthemas
            if rng.random() < 0.4])
    functies = [r["code"] for r in _read(ref / "functiecategorieen.csv")]
    indicators = [r for r in _read(ref / "indicatoren.csv") if r["bron"] == "kpi_waarden"]
    for jaar in range(2022, last_year + 1):
        year = out / str(jaar)
        year.mkdir(parents=True, exist_ok=True)
        for name in ("rapport.toml", "kpi_oordeel.csv"):
            if (EXAMPLE / str(jaar) / name).exists():
                shutil.copy2(EXAMPLE / str(jaar) / name, year / name)
        if (EXAMPLE / str(jaar) / "teksten").is_dir():
            shutil.copytree(EXAMPLE / str(jaar) / "teksten", year / "teksten",
                            dirs_exist_ok=True)
        budget = 40_000_000 / n_inst
        _write(year / "financien.csv",
               ["umc", "ontvangen", "tijdelijke_posities", "vaste_posities",
                "indirecte_kosten", "materieel"],
               [[c, f"{budget:.2f}", f"{budget * rng.uniform(.1, .2):.2f}",
                 f"{budget * rng.uniform(.5, .65):.2f}", f"{budget * .08:.2f}",
                 f"{budget * rng.uniform(.02, .06):.2f}"] for c in codes])
        rows = []
        for i in range(n_pers):
            c = codes[i % n_inst]
            rows.append([f"p{i:06d}", c, rng.choice(functies), _pick(rng, CONTRACTVORMEN),
                         f"{rng.choice((0.2, 0.4, 0.5, 0.6, 0.8, 0.8889, 1.0)):.4f}",
                         _pick(rng, GESLACHTEN),
                         rng.choice(subthemas) if rng.random() < 0.9 else ""])
        _write(year / "personeel.csv", ["id", "umc", "functiecategorie", "contractvorm", "fte",
                                        "geslacht", "subthema"], rows)
        if jaar >= 2023:
            _write(year / "kpi_waarden.csv", ["umc", "indicator", "waarde"],
                   [[c, r["code"], f"{rng.uniform(20, 80):.1f}" if r["eenheid"] == "pct"
                     else rng.randint(0, 12)] for c in codes for r in indicators])
        if jaar in (2025, 2027, 2028):
            _write(year / "werkdrukmonitor.csv",
                   ["deelnemer", "umc", "moment", "baanzekerheid", "werkdruk"],
                   [[f"{c}-d{k}", c, m, f"{rng.uniform(3, 9):.1f}", f"{rng.uniform(3, 9):.1f}"]
                    for c in codes for k in range(3) for m in ("voor", "nu", "ideaal")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--instellingen", type=int, default=60)
    parser.add_argument("--personen", type=int, default=40_000)
    parser.add_argument("--tot", type=int, default=2028)
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    generate(args.out, args.instellingen, args.personen, args.tot)
    print(f"{args.out}: {args.instellingen} instellingen, {args.personen} personen per jaar")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
