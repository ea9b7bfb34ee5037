#!/usr/bin/env python3
"""Times gradcheck against torch.autograd.gradcheck on the same networks, side by side.

Workload (the one the peer comparison used, so that every tool checks identical shapes): trial
seeds 1..N, each drawn with numpy's `np.random.default_rng(seed)` (PCG64), in this order:
  1. widths d_0 .. d_L, each `rng.integers(lo, hi + 1)`:
       L=2: d_0, d_1 in [1, 16], d_2 in [1, 8];   L=4: d_0 .. d_4 in [1, 64]
  2. batch size m: L=2 in [1, 8], L=4 in [1, 32]
  3. per layer l = 1..L: W_l ~ N(0, 1/d_{l-1}) [d_{l-1} x d_l], b_l ~ N(0, 0.1) [d_l]
     (N(mean, variance))
  4. x ~ N(0, 1) [m x d_0], y ~ U(0, 1) [m x d_L]
float64, sigmoid on every layer (output included), loss L = 1/(2m) * sum((a_L - y)^2).
The shapes go to a CSV (seed,m,d0..dL,params) that gradcheck reads with --shapes.

Per workload it times, over the same trials:
  - torch.autograd.gradcheck with default settings, and with fast_mode=True, each in a fresh
    Python process (this script run as a child): whole-process time (Python start-up, numpy and
    torch import, drawing the trials, the loop) and in-process time (the loop alone);
  - `gradcheck --layers L --shapes CSV --dtype double --activation sigmoid --loss mse`, and with
    `--mode fast`: whole-process time, and gradcheck's own time from its `double:` summary line
    (which includes drawing the trials' weights and data, where torch's loop has them drawn
    already), each the median of `--repeat` runs (default 5; torch runs once).
Speed-up = torch seconds / gradcheck seconds (> 1: gradcheck is faster), on whole-process time
for the full check and on in-process time for fast mode. Results also go to a JSON file.

Usage (from the repository root, after `swift build -c release`):
  python3 -m venv .venv && .venv/bin/pip install -r Benchmarks/requirements.txt \
      --index-url https://download.pytorch.org/whl/cpu     # CPU-only torch wheels
  .venv/bin/python Benchmarks/compare_torch.py --layers both
"""
import argparse
import hashlib
import importlib.util
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

# layers L -> ((lo, hi) of d_0 .. d_L, (lo, hi) of m, default number of trials)
WORKLOADS = {
    2: ([(1, 16), (1, 16), (1, 8)], (1, 8), 1000),
    4: ([(1, 64)] * 5, (1, 32), 100),
}

INSTALL_HINT = """\
compare_torch.py needs numpy and torch (CPU wheels are enough). From the repository root:
  python3 -m venv .venv
  .venv/bin/pip install -r Benchmarks/requirements.txt
(add --index-url https://download.pytorch.org/whl/cpu to get the much smaller CPU-only torch wheels),
then run .venv/bin/python Benchmarks/compare_torch.py"""


def draw_trial(seed, layers):
    """(widths d_0..d_L, m, [W_1, b_1, ..., W_L, b_L], x, y) of trial `seed`, as the module docstring says."""
    import numpy as np
    width_ranges, (m_lo, m_hi), _ = WORKLOADS[layers]
    rng = np.random.default_rng(seed)
    widths = [int(rng.integers(lo, hi + 1)) for lo, hi in width_ranges]
    m = int(rng.integers(m_lo, m_hi + 1))
    params = []
    for l in range(1, layers + 1):
        fan_in, fan_out = widths[l - 1], widths[l]
        params.append(rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out)))
        params.append(rng.normal(0.0, np.sqrt(0.1), size=(fan_out,)))
    x = rng.normal(0.0, 1.0, size=(m, widths[0]))
    y = rng.uniform(0.0, 1.0, size=(m, widths[-1]))
    return widths, m, params, x, y


def parameter_count(widths):
    return sum(widths[l - 1] * widths[l] + widths[l] for l in range(1, len(widths)))


def shapes_csv(layers, trials):
    """The CSV gradcheck reads with --shapes: one row per trial, seeds 1..trials."""
    lines = ["seed,m," + ",".join(f"d{i}" for i in range(layers + 1)) + ",params"]
    for seed in range(1, trials + 1):
        widths, m, _, _, _ = draw_trial(seed, layers)
        lines.append(f"{seed},{m}," + ",".join(map(str, widths)) + f",{parameter_count(widths)}")
    return "\n".join(lines) + "\n"


def torch_child(layers, trials, fast):
    """Runs in the child process: checks every trial with torch and prints one JSON object."""
    import torch
    trial_list = [draw_trial(seed, layers) for seed in range(1, trials + 1)]

    def check(widths, m, params, x, y):
        leaves = tuple(torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params)
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)
        scale = 1.0 / (2.0 * m)

        def loss(*theta):
            a = xt
            for l in range(layers):
                a = torch.sigmoid(a @ theta[2 * l] + theta[2 * l + 1])
            d = a - yt
            return (d * d).sum() * scale

        try:
            return torch.autograd.gradcheck(loss, leaves, fast_mode=fast)
        except torch.autograd.gradcheck.GradcheckError:
            return False

    start = time.perf_counter()
    passed = sum(bool(check(*trial)) for trial in trial_list)
    loop = time.perf_counter() - start
    print(json.dumps({"in_process_s": loop, "passed": passed, "torch": torch.__version__,
                      "torch_threads": torch.get_num_threads()}))


def run_torch(layers, trials, fast):
    """Times one torch configuration in a fresh interpreter; a row of the results."""
    command = [sys.executable, os.path.abspath(__file__), "--torch-child", "--layers", str(layers),
               "--trials", str(trials)] + (["--fast"] if fast else [])
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    whole = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"compare_torch.py: torch run failed (exit {done.returncode}):\n{done.stderr}")
    child = json.loads(done.stdout.strip().splitlines()[-1])
    return {"tool": "torch.autograd.gradcheck" + (" fast_mode=True" if fast else ""),
            "mode": "fast" if fast else "full",
            "whole_process_s": whole, "in_process_s": child["in_process_s"], "passed": child["passed"],
            "trials": trials, "torch": child["torch"], "torch_threads": child["torch_threads"]}


# The `double:` summary line ends with "; <seconds> s"; lines may follow it.
SUMMARY_TIME = re.compile(r";\s*([0-9]+(?:\.[0-9]+)?)\s*s\s*$")
SUMMARY_PASS = re.compile(r"\bPASS (\d+)")


def parse_summary(stdout):
    """(in-process seconds, trials PASS) from gradcheck's `double:` line, or (None, None)."""
    for line in stdout.splitlines():
        if line.startswith("double:"):
            seconds = SUMMARY_TIME.search(line)
            passed = SUMMARY_PASS.search(line)
            return (float(seconds.group(1)) if seconds else None, int(passed.group(1)) if passed else None)
    return None, None


def run_gradcheck(binary, layers, trials, csv_path, report_dir, fast, jobs, repeat):
    """Times `repeat` runs of gradcheck; a row with the medians, or None when this gradcheck
    has no fast mode. Runs of a fraction of a second vary by tens of percent from one to the
    next on a shared machine, so one run is not a figure.

    No --quiet: it also drops the summary line that carries gradcheck's own time.
    """
    command = [binary, "--layers", str(layers), "--shapes", csv_path, "--dtype", "double",
               "--activation", "sigmoid", "--loss", "mse", "--report-dir", report_dir]
    command += (["--mode", "fast"] if fast else []) + (["--jobs", str(jobs)] if jobs else [])
    wholes, insides, previous_passed = [], [], None
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wholes.append(time.perf_counter() - start)
        if done.returncode == 64 and fast and "--mode" in done.stderr:
            print(f"note: {binary} has no --mode fast; skipping that row", file=sys.stderr)
            return None
        if done.returncode not in (0, 1):  # 1: a gradient mismatch, still a timed run
            sys.exit(f"compare_torch.py: {' '.join(command)} exited {done.returncode}:\n{done.stderr.strip()}")
        seconds, passed = parse_summary(done.stdout)
        if seconds is None:
            sys.exit(f"compare_torch.py: no '; <seconds> s' on gradcheck's 'double:' line in:\n{done.stdout}")
        insides.append(seconds)
        if len(insides) > 1 and passed != previous_passed:
            sys.exit(f"compare_torch.py: gradcheck passed {previous_passed} trials, then {passed}, on the same shapes")
        previous_passed = passed
    return {"tool": "gradcheck" + (" --mode fast" if fast else ""), "mode": "fast" if fast else "full",
            "whole_process_s": statistics.median(wholes), "in_process_s": statistics.median(insides),
            "runs": repeat, "whole_process_runs_s": wholes, "in_process_runs_s": insides,
            "passed": passed, "trials": trials, "exit_code": done.returncode, "command": " ".join(command)}


def add_speedups(rows):
    """Speed-up of each gradcheck row over torch in the same mode: whole-process for the full
    check (what a user waits for), in-process for fast mode (its runs are short enough that
    start-up would dominate)."""
    torch_rows = {r["mode"]: r for r in rows if r["tool"].startswith("torch")}
    for row in rows:
        reference = torch_rows.get(row["mode"])
        key = "whole_process_s" if row["mode"] == "full" else "in_process_s"
        # gradcheck prints its time to 0.001 s: a run that short has no meaningful ratio.
        comparable = reference and not row["tool"].startswith("torch") and row[key] > 0
        row["speedup_vs_torch"] = reference[key] / row[key] if comparable else None
        row["speedup_basis"] = key


def print_table(workloads):
    header = ("workload", "tool", "whole-process s", "in-process s", "trials/s", "passed",
              "speed-up vs torch")
    lines = []
    for w in workloads:
        for r in w["rows"]:
            speedup = "" if r["speedup_vs_torch"] is None else (
                f"{r['speedup_vs_torch']:.2f}× ({'whole' if r['mode'] == 'full' else 'in-process'})")
            passed = "?" if r["passed"] is None else r["passed"]
            rate = f"{r['trials'] / r['in_process_s']:.1f}" if r["in_process_s"] > 0 else "-"
            lines.append((w["name"], r["tool"], f"{r['whole_process_s']:.3f}", f"{r['in_process_s']:.3f}", rate,
                          f"{passed}/{r['trials']}", speedup))
    widths = [max(len(row[i]) for row in [header] + lines) for i in range(len(header))]
    for row in [header] + lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def previous_torch_rows(path, layers, trials, digest):
    """The torch rows of an earlier JSON for the same shapes, or exit."""
    try:
        with open(path) as f:
            previous = json.load(f)
    except (OSError, ValueError) as error:
        sys.exit(f"compare_torch.py: cannot read --skip-torch {path}: {error}")
    for w in previous.get("workloads", []):
        if w.get("layers") == layers and w.get("trials") == trials and w.get("shapes_sha256") == digest:
            rows = [r for r in w["rows"] if r["tool"].startswith("torch")]
            if rows:
                return rows
    sys.exit(f"compare_torch.py: {path} has no torch timings for L={layers} × {trials} with these shapes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", choices=["2", "4", "both"], default="both",
                        help="L=2 (widths up to 16), L=4 (widths up to 64), or both (default)")
    parser.add_argument("--trials", type=int, help="trials per workload (default: 1000 for L=2, 100 for L=4)")
    parser.add_argument("--gradcheck", default=".build/release/gradcheck",
                        help="the gradcheck binary (default: %(default)s, from `swift build -c release`)")
    parser.add_argument("--jobs", type=int, help="passed to gradcheck as --jobs")
    parser.add_argument("--repeat", type=int, default=5,
                        help="gradcheck runs per row, of which the median is taken (default: %(default)s; "
                             "torch runs once)")
    parser.add_argument("--work-dir", default=".build/compare-torch",
                        help="shapes CSVs, gradcheck reports and the results JSON (default: %(default)s)")
    parser.add_argument("--out", help="results JSON (default: WORK_DIR/compare_torch.json)")
    parser.add_argument("--skip-torch", nargs="?", const="", metavar="JSON",
                        help="reuse the torch timings of an earlier results JSON (default: the --out file)")
    parser.add_argument("--torch-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fast", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.trials is not None and args.trials < 1:
        parser.error("--trials must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if args.torch_child:
        torch_child(int(args.layers), args.trials, args.fast)
        return
    needed = ["numpy"] + ([] if args.skip_torch is not None else ["torch"])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        print(f"compare_torch.py: {', '.join(missing)} not installed.\n{INSTALL_HINT}", file=sys.stderr)
        sys.exit(2)
    if not os.access(args.gradcheck, os.X_OK):
        sys.exit(f"compare_torch.py: no gradcheck binary at {args.gradcheck}: run `swift build -c release` "
                 "in the repository root, or pass --gradcheck PATH")

    os.makedirs(args.work_dir, exist_ok=True)
    out = args.out or os.path.join(args.work_dir, "compare_torch.json")
    skip_torch = (args.skip_torch or out) if args.skip_torch is not None else None
    binary = os.path.abspath(args.gradcheck)
    workloads = []
    for layers in ([2, 4] if args.layers == "both" else [int(args.layers)]):
        trials = args.trials or WORKLOADS[layers][2]
        csv = shapes_csv(layers, trials)
        digest = hashlib.sha256(csv.encode()).hexdigest()
        csv_path = os.path.abspath(os.path.join(args.work_dir, f"shapes-L{layers}-{trials}.csv"))
        with open(csv_path, "w") as f:
            f.write(csv)
        name = f"L={layers} × {trials}"
        print(f"{name}: shapes in {csv_path}", file=sys.stderr, flush=True)
        if skip_torch is not None:
            rows = previous_torch_rows(skip_torch, layers, trials, digest)
        else:
            rows = [run_torch(layers, trials, fast=False), run_torch(layers, trials, fast=True)]
        for fast in (False, True):
            report_dir = os.path.join(args.work_dir, f"reports-L{layers}-{'fast' if fast else 'full'}")
            row = run_gradcheck(binary, layers, trials, csv_path, report_dir, fast, args.jobs, args.repeat)
            if row:
                rows.append(row)
        add_speedups(rows)
        total = sum(int(line.rsplit(",", 1)[1]) for line in csv.splitlines()[1:])
        workloads.append({"name": name, "layers": layers, "trials": trials, "total_params": total,
                          "shapes_csv": csv_path, "shapes_sha256": digest, "rows": rows})

    print_table(workloads)
    results = {"python": platform.python_version(), "numpy": __import__("numpy").__version__,
               "machine": platform.machine(), "cpus": os.cpu_count(), "gradcheck": binary, "jobs": args.jobs, "gradcheck_runs": args.repeat,
               "workloads": workloads}
    with open(out + ".tmp", "w") as f:
        json.dump(results, f, indent=2)
    os.replace(out + ".tmp", out)
    print(f"results: {out}")


if __name__ == "__main__":
    main()
