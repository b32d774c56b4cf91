"""Loader throughput and memory: `make bench` runs it; the README quotes its output.

Builds a corpus of at least TARGET_MB from the bundled samples and deterministic mutations of
them (numbers changed, sentences shuffled within sections, paragraphs dropped), writes it to a
temporary directory, then times `policykg extract` end to end (reading files included) with 1
and 2 worker processes. Reports MB/s, documents/s, MB/s per core by the wall clock and by
the CPU time of every process (steady when other work shares the machine), the start-up (CPU of
extracting a one-line document) and the one-worker rate after it, and the peak RSS of the process
tree at 25/50/100 % of the corpus, which must stay flat (streaming, not accumulating).

Usage: python scripts/bench_loaders.py [--mb 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Size of the benchmark corpus.
TARGET_MB = 20
#: Repetitions of each timed run; the median is reported.
REPEATS = 3
#: The project's packages, compiled to bytecode before timing (see ``compile_bytecode``).
PACKAGES = ("policykg", "loaders", "ontology")
#: The document whose extraction measures the start-up: one line, nearly nothing to extract.
ONE_LINE_DOCUMENT = "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy Vĩnh Phúc\n"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def mutate(text: str, rng: random.Random) -> str:
    """A plausible variant of a document: other numbers, some paragraphs dropped or swapped."""
    text = _NUMBER.sub(lambda m: str(rng.randint(1, 99)) if rng.random() < 0.3 else m.group(), text)
    paragraphs = text.split("\n")
    for _ in range(len(paragraphs) // 20):
        i, j = rng.randrange(len(paragraphs)), rng.randrange(len(paragraphs))
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    return "\n".join(p for p in paragraphs if rng.random() > 0.05)


def build_corpus(directory: Path, megabytes: int, seed: int) -> tuple[int, int]:
    """Write samples and mutations until ``megabytes``; return (files, bytes)."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    total, count = 0, 0
    while total < megabytes * 2**20:
        text = sources[count % len(sources)]
        data = (text if count < len(sources) else mutate(text, rng)).encode("utf-8")
        (directory / f"doc{count:05d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count, total


#: Runs a command and prints the peak RSS (KiB) and the CPU seconds (user + sys) of its process
#: tree: each measurement gets a fresh wrapper, since RUSAGE_CHILDREN in this process would
#: accumulate across runs.
_PEAK_WRAPPER = (
    "import resource, subprocess, sys;"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
    "sys.stderr.write(r.stderr.decode()[-500:]) if r.returncode else None;"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(u.ru_utime + u.ru_stime, u.ru_maxrss);"
    "sys.exit(r.returncode)"
)


@dataclass(frozen=True)
class Run:
    """One `policykg extract --json` run: wall seconds, CPU seconds of its processes, peak RSS."""

    seconds: float
    cpu_seconds: float
    peak_kib: int


def run_extract(directory: Path, workers: int, limit: int | None = None) -> Run:
    """Time `policykg extract --json` over the corpus (or its first ``limit`` files): wall clock,
    CPU of every process it ran (the figure per core: steady when other work shares the
    machine), and the peak RSS of the largest extracting process."""
    files = sorted(directory.iterdir())[:limit] if limit else [directory]
    cmd = [sys.executable, "-m", "policykg.cli", "extract", "--json", "--workers", str(workers), *map(str, files)]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, *cmd], capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"extract failed: {done.stderr.decode()[-500:]}")
    cpu, peak = done.stdout.decode().split()[-2:]
    return Run(elapsed, float(cpu), int(peak))


def compile_bytecode() -> None:
    """Write the project's bytecode caches, as an installed copy has them.

    pip compiles a wheel's modules when it installs it, and Python caches what it imports on the
    first run. Without the caches every timed run would compile ~60 modules from source again
    (~0.1 s of CPU), and an environment with PYTHONDONTWRITEBYTECODE set never writes them.
    """
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=TARGET_MB)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pk-bench-") as tmp, \
            tempfile.TemporaryDirectory(prefix="pk-bench-one-") as one:
        corpus = Path(tmp)
        files, size = build_corpus(corpus, args.mb, args.seed)
        (Path(one) / "one-line.txt").write_text(ONE_LINE_DOCUMENT, encoding="utf-8")
        compile_bytecode()
        mb = size / 2**20
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        print(f"corpus: {files} documents, {mb:.1f} MB (samples + seeded mutations)")
        print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the cores slows the wall clock)")
        startup = statistics.median(run_extract(Path(one), 1).cpu_seconds for _ in range(REPEATS))
        print(f"start-up: CPU {startup:.2f} s for a one-line document (interpreter, imports, "
              f"first-use set-up), paid once per process")
        for workers in (1, 2):
            runs = [run_extract(corpus, workers) for _ in range(REPEATS)]
            median = statistics.median(r.seconds for r in runs)
            cpu = statistics.median(r.cpu_seconds for r in runs)
            print(f"workers={workers}: median {median:.2f} s -> {mb / median:.2f} MB/s, "
                  f"{files / median:.1f} documents/s, {mb / median / workers:.2f} MB/s per core; "
                  f"CPU {cpu:.2f} s -> {mb / cpu:.2f} MB/s per CPU-second")
            if workers == 1:
                print(f"  after start-up: CPU {cpu - startup:.2f} s -> "
                      f"{mb / (cpu - startup):.2f} MB/s per CPU-second (a long batch's rate)")
        print("peak RSS of one worker as the batch grows (flat = streaming):")
        for share in (0.25, 0.5, 1.0):
            limit = max(1, int(files * share))
            rss = run_extract(corpus, 1, limit).peak_kib
            print(f"  {int(share * 100):>3}% ({limit} documents): peak RSS so far {rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
