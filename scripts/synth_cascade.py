"""Write synthetic national cascades as JSON Lines of Records (one Record per line).

Usage:
    .venv/bin/python scripts/synth_cascade.py --seed 7 --cascades 1 -o data/synth/cascade.jsonl
    .venv/bin/python scripts/synth_cascade.py --seed 7 --province "Quảng Ninh" -o quang-ninh.jsonl

Cascade k of a run is ``generate_cascade(seed, cascade=k)``: ten cascades are ten distinct trees
(their own central resolution, topic, dates and numbers). Prints the documents, targets and
assignments written, the size, and the generation rate in CPU time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policykg.synthetic import count_cascade, generate_cascade

#: Bytes in a megabyte, as the figures are reported.
MB = 1_000_000


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="same seed, same Records (default 0)")
    parser.add_argument("--cascades", type=int, default=1, help="how many cascades (default 1)")
    parser.add_argument("--province", help="only this legacy province's branch, e.g. 'Quảng Ninh'")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON Lines file to write")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        count_cascade(args.seed, province=args.province)  # fails fast on an unknown province
    except ValueError as exc:
        print(f"synth_cascade: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    documents = targets = assignments = size = 0
    start = time.process_time()
    with args.output.open("w", encoding="utf-8") as out:
        for cascade in range(args.cascades):
            for record in generate_cascade(args.seed, cascade=cascade, province=args.province):
                line = record.model_dump_json() + "\n"
                out.write(line)
                size += len(line.encode("utf-8"))
                documents += 1
                targets += len(record.targets)
                assignments += len(record.assignments)
    seconds = max(time.process_time() - start, 1e-9)
    print(
        f"{args.output}: {args.cascades} cascade(s), {documents} documents, {targets} targets, "
        f"{assignments} assignments, {size / MB:.1f} MB, {documents / seconds:.0f} Records/s "
        f"({seconds:.1f} s CPU)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
