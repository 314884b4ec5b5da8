#!/usr/bin/env python3
"""CPU-seconds per thread of one JVM over its whole run, grouped by thread name.

JFR's thread CPU load is too coarse to compare two runs; Linux keeps the exact figure per thread
(/proc/<pid>/task/<tid>/stat, utime + stime). This waits for the first process whose command line
contains PATTERN, samples every thread every 2 s until the process exits (a thread that ends
keeps its last sample) and prints the totals, digits in names folded (so the subtasks of one task
and the GC workers add up).

    python3 bin/lib/thread_cpu.py PipelineBenchmark &
    taskset -c 0,1 bin/smart-infra bench --pipeline --hosts 100 --samples 5000000 --parallelism 2
    wait
"""
import collections
import os
import re
import subprocess
import sys
import time


def find(pattern):
    while True:
        out = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout
        pids = [p for p in out.split() if int(p) != os.getpid()]
        if pids:
            return pids[0]
        time.sleep(0.5)


def sample(pid, last):
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return False
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        last[tid] = (name, max(ticks, last.get(tid, ("", 0))[1]))
    return True


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: thread_cpu.py PATTERN (a part of the JVM's command line)")
    pid = find(sys.argv[1])
    last = {}
    while sample(pid, last):
        time.sleep(2)
    hz = os.sysconf("SC_CLK_TCK")
    groups = collections.Counter()
    for name, ticks in last.values():
        groups[re.sub(r"[0-9]+", "#", name)] += ticks / hz
    total = sum(groups.values()) or 1e-9
    print(f"pid {pid}: {total:.1f} CPU-s in {len(last)} threads")
    for name, seconds in groups.most_common(20):
        print(f"{seconds:8.1f} CPU-s {100 * seconds / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
