/**
 * UpgradeSchedule: an Upstart scheduling function: it decides when each
 * node's upgrade layer runs the upgrade (docs/UPSTART.md, "Scheduling").
 *
 *   rolling()            one node at a time, in node order: the next starts
 *                        when the previous one is upgraded (or down)
 *   byGroup(groups)      the nodes of a group (a rack) at once, group after group
 *   atTime(tick)         every node at a given cluster tick
 *   whenIdle(pollTicks)  each node as soon as it serves no call (polled)
 *
 * Interface: `start(cluster, upgrade)` is called once by
 * cluster.startUpgrade. A node that is down when its turn comes is upgraded
 * when it restarts (cluster.restart re-runs the pending upgrade).
 */
import type { Cluster } from './cluster.ts';
import type { Upgrade } from './upgrade.ts';

export interface UpgradeSchedule {
  readonly name: string;
  start(cluster: Cluster, upgrade: Upgrade): void;
}

/** Upgrade the nodes of `groups` in order; each group all at once. */
function inGroups(cluster: Cluster, groups: readonly (readonly number[])[]): void {
  let g = 0;
  const next = (): void => {
    if (g >= groups.length) return;
    const group = groups[g++];
    let left = group.length;
    if (left === 0) return next();
    for (const i of group)
      cluster.upgradeNode(i, () => {
        if (--left === 0) cluster.at(cluster.now, next);
      });
  };
  cluster.at(cluster.now, next);
}

export function rolling(): UpgradeSchedule {
  return {
    name: 'rolling',
    start: (cluster) =>
      inGroups(
        cluster,
        cluster.nodes.map((n) => [n.index]),
      ),
  };
}

export function byGroup(groups: readonly (readonly number[])[]): UpgradeSchedule {
  return { name: `by-group(${groups.length})`, start: (cluster) => inGroups(cluster, groups) };
}

export function atTime(tick: number): UpgradeSchedule {
  return {
    name: `at-time(${tick})`,
    start: (cluster) =>
      cluster.at(tick, () => {
        for (const n of cluster.nodes) cluster.upgradeNode(n.index);
      }),
  };
}

export function whenIdle(pollTicks = 10): UpgradeSchedule {
  return {
    name: 'when-idle',
    start: (cluster, u) => {
      const poll = (): void => {
        let waiting = false;
        for (const n of cluster.nodes) {
          if (n.version === u.to || n.upgrading) continue;
          if (n.up && n.serving === 0) cluster.upgradeNode(n.index);
          else waiting = true;
        }
        if (waiting) cluster.at(cluster.now + pollTicks, poll);
      };
      cluster.at(cluster.now, poll);
    },
  };
}
