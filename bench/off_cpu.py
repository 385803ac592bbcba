#!/usr/bin/env python3
"""Where a process's main thread waited: off-CPU time by cause, from sched_switch events.

Record, then read:
  perf record -e sched:sched_switch --call-graph dwarf,16384 -o sw.perf \
      build-release/cli/dossier import --db NEWDB LETTERS
  bench/off_cpu.py sw.perf

Each time the main thread (the process's lowest thread id) leaves its core is matched with its
next return; the gap is counted under the switch-out's cause: preempted (still runnable), a
blocking pread (RocksDB reading an SST file), the import's wait for the next extracted letter
(OrderedPrefetcher::Take, a condition variable in the import command), a sync, or other.
"""
import collections
import re
import subprocess
import sys

SWITCH = re.compile(
    r'\s*(\d+)\s+([\d.]+):\s+prev_comm=.*prev_pid=(\d+).*prev_state=(\S+).*next_pid=(\d+)')


def read_switches(path):
    script = subprocess.run(['perf', 'script', '-i', path, '-F', 'tid,time,trace,ip,sym'],
                            capture_output=True, text=True, check=True).stdout
    events, current = [], None
    for line in script.splitlines():
        m = SWITCH.match(line)
        if m:
            current = {'t': float(m.group(2)), 'prev': m.group(3), 'state': m.group(4),
                       'next': m.group(5), 'stack': []}
            events.append(current)
        elif current is not None and line.strip():
            current['stack'].append(line.strip())
    return events


def cause(event):
    stack = ' '.join(event['stack'])
    if event['state'].startswith('R'):
        return 'preempted'
    if 'PosixRandomAccessFile::Read' in stack:
        return 'pread'
    if 'pthread_cond_wait' in stack and 'AddImportCommand' in stack and 'graph::' not in stack:
        return 'waiting for the next extracted letter'
    if 'Sync' in stack:
        return 'sync'
    return 'other (' + event['state'] + ')'


def main():
    events = read_switches(sys.argv[1])
    if not events:
        sys.exit('no sched_switch events in ' + sys.argv[1])
    main_thread = str(min(int(e['prev']) for e in events))
    off, left = collections.Counter(), None
    for e in events:
        if e['prev'] == main_thread:
            left = (e['t'], cause(e))
        elif e['next'] == main_thread and left is not None:
            off[left[1]] += e['t'] - left[0]
            left = None
    span = events[-1]['t'] - events[0]['t']
    print(f'main thread {main_thread}: off its core {sum(off.values()):.3f} s of {span:.2f} s')
    for why, seconds in off.most_common():
        print(f'  {seconds * 1000:8.0f} ms  {why}')


if __name__ == '__main__':
    main()
