#!/usr/bin/env python3
"""Wall time of a few commands, run in turn (A, B, C, A, B, C, ...) so that a noisy machine's drift hits them all
alike; hyperfine runs all of A, then all of B. Prints the median, mean and 25th percentile of each, in milliseconds.

    bench/interleave.py ROUNDS 'DIR|COMMAND ARGS' ['DIR|COMMAND ARGS' ...]

Each command runs in its DIR (a build finds its root from there), output discarded; three warm-up rounds are not
counted. Arguments are split on spaces (no quoting). Example, a generated build with and without a .sln at its root:

    bench/interleave.py 40 'svc|dotnet build/bin/Debug/net10.0/_build.dll --help' \\
                           'svc2|dotnet build/bin/Debug/net10.0/_build.dll --help' 'svc|dotnet /tmp/hello/hello.dll'
"""
import statistics
import subprocess
import sys
import time

WARMUP = 3


def main() -> int:
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or any("|" not in c for c in sys.argv[2:]):
        print(__doc__, file=sys.stderr)
        return 2
    rounds = int(sys.argv[1])
    commands = [tuple(c.split("|", 1)) for c in sys.argv[2:]]
    times: list[list[float]] = [[] for _ in commands]
    for round_ in range(rounds + WARMUP):
        for i, (directory, command) in enumerate(commands):
            start = time.perf_counter()
            code = subprocess.run(command.split(), cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            elapsed = (time.perf_counter() - start) * 1000
            if code != 0:
                print(f"error: '{command}' in {directory} exited with {code}", file=sys.stderr)
                return 1
            if round_ >= WARMUP:
                times[i].append(elapsed)
    for (directory, command), values in zip(commands, times):
        values.sort()
        print(f"{statistics.median(values):7.1f} ms median {statistics.mean(values):7.1f} mean  p25 {values[len(values) // 4]:6.1f}  ({directory}) {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
