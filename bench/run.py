#!/usr/bin/env python3
"""Every figure of docs/BENCHMARKS.md for items start-up and sampling, feynet beside the numpy programs of bench/,
in one session: whole processes timed from the shell (wall clock, median of repeats).

usage: python3 bench/run.py [--repeats R] [--networks N]
Runs from the repository root; uses a fresh temporary cache directory (FEYNET_CACHE_DIR) so the first run is cold.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


CPU = []


def timed(command, env=None, repeats=1):
    """Median wall-clock seconds of `repeats` runs of command (stdout discarded, failures fatal), and all of them;
    the median CPU seconds (user + system) of the runs go to CPU[-1]."""
    times, cpu = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), times


def row(what, seconds, note=""):
    print(f"| {what} | {seconds:.3f} s | {CPU[-1]:.2f} s | {note} |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--networks", type=int, default=400)
    args = parser.parse_args()
    subprocess.run(["./feynet", "--version"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # build if needed
    cache = tempfile.mkdtemp(prefix="feynet-bench-cache-")
    env = dict(os.environ, FEYNET_CACHE_DIR=cache)
    bare = dict(env, FEYNET_NO_CDS="1")
    model = "bench/mlp_tanh3.fnet"
    evaluate = ["./feynet", "eval", model, "--quiet", "--json"]
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}\n")
    print("| what (whole process from the shell) | median wall time | median CPU time | note |\n|---|---|---|---|")
    cold, _ = timed(evaluate + ["--no-cache"], env=bare)
    row("feynet eval mlp_tanh3 (P = 3, L = 5), no cache, no class-data archive", cold, "derives, generates, calibrates the quadrature")
    first, _ = timed(evaluate, env=env)
    row("feynet eval, first run (fills the cache, records the class-data archive)", first)
    warm, warm_all = timed(evaluate, env=env, repeats=args.repeats)
    warm_cpu = CPU[-1]
    row("feynet eval, warm (cache and archive)", warm, "runs " + ", ".join(f"{t:.2f}" for t in warm_all))
    warm_bare, _ = timed(evaluate, env=bare, repeats=args.repeats)
    row("feynet eval, warm cache, no class-data archive", warm_bare)
    numpy, numpy_all = timed([sys.executable, "bench/eval_numpy.py"], repeats=max(1, args.repeats // 2))
    row("numpy/scipy evaluation of the same recursions (bench/eval_numpy.py)", numpy,
        "runs " + ", ".join(f"{t:.2f}" for t in numpy_all))
    print(f"\nwarm feynet eval is {numpy / warm:.1f}x faster than numpy by wall time, {CPU[-1] / warm_cpu:.1f}x by CPU"
          " time (goal: 30x)\n")
    print("| what | median wall time | median CPU time | note |\n|---|---|---|---|")
    derive = ["./feynet", "derive", "--no-draw"]
    timed(derive, env=env)
    warm_derive, derive_all = timed(derive, env=env, repeats=args.repeats)
    row("feynet derive --no-draw (examples/mlp_tanh.fnet), warm", warm_derive,
        "runs " + ", ".join(f"{t:.2f}" for t in derive_all) + "; goal: under 0.5 s")
    derive_cold, _ = timed(derive + ["--no-cache"], env=bare, repeats=max(1, args.repeats // 2))
    row("feynet derive --no-draw, no cache, no class-data archive", derive_cold)
    imports, _ = timed([sys.executable, "-c", "import numpy, scipy.linalg"], repeats=args.repeats)
    row("yardstick: python3 -c 'import numpy, scipy.linalg'", imports)
    print("\nsamplers (tanh, n = 256, L = 10, P = 2):\n", flush=True)
    subprocess.run(["./feynet", "bench", "--samplers", "--networks", str(args.networks)], cwd=ROOT, env=env,
                   check=True)
    subprocess.run([sys.executable, "bench/sampler_numpy.py", str(args.networks)], cwd=ROOT, check=True)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
