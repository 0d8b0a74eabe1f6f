// Where the text stages spend their time: a V8 CPU profile of one pass, each sample given to the innermost frame
// in pipeline/ (so time in a library or a built-in counts for the pipeline file that called it).
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /**
   * By stage folder (pipeline/clean, pipeline/structure, …). "(garbage collector)" is GC wherever it was triggered
   * (mostly by the pipeline's allocations); "outside pipeline/" is the bench itself.
   */
  byFolder: TimeShare[];
  /** By pipeline file, the largest first. */
  byFile: TimeShare[];
  /** By pipeline function (name and file), the largest first. */
  byFunction: TimeShare[];
  /** Self time of libraries and built-ins, wherever they were called from. */
  byLibrary: TimeShare[];
}

export async function profile(run: () => void, root: string, top = 12): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  run();
  const { profile: p } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  return summarise(p, root, top);
}

function relative(url: string, root: string): string | null {
  if (!url.startsWith('file://')) return null;
  return path.relative(root, fileURLToPath(url.replace(/\?.*$/u, '')));
}

function library(url: string, functionName: string, root: string): string {
  const rel = relative(url, root);
  if (rel === null) return url.startsWith('node:') ? 'node built-ins' : functionName || '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(rel);
  return m ? m[1] : rel.split('/')[0];
}

export function summarise(p: CpuProfile, root: string, top: number): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<number, { folder: string; file: string; fn: string }>();
  const ownerOf = (id: number) => {
    const cached = owner.get(id);
    if (cached) return cached;
    let at: number | undefined = id;
    // GC, idle and the program itself have no pipeline frame above them: they keep their own names.
    const leaf = byId.get(id)!.callFrame;
    const outside = /^\(.*\)$/u.test(leaf.functionName) ? leaf.functionName : 'outside pipeline/';
    let found = { folder: outside, file: outside, fn: outside };
    while (at !== undefined) {
      const node = byId.get(at)!;
      const rel = relative(node.callFrame.url, root);
      if (rel?.startsWith('pipeline/')) {
        const parts = rel.split('/');
        const folder = parts.length > 2 ? `${parts[0]}/${parts[1]}` : rel;
        const fn = `${node.callFrame.functionName || '(anonymous)'} ${rel}`;
        found = { folder, file: rel, fn };
        break;
      }
      at = parent.get(at);
    }
    owner.set(id, found);
    return found;
  };
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const folders = new Map<string, number>();
  const files = new Map<string, number>();
  const fns = new Map<string, number>();
  const libs = new Map<string, number>();
  let total = 0;
  // The profiler's own calls (starting, stopping, sending the profile) are not the pipeline's time.
  const inInspector = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)!.callFrame.url === 'node:inspector') return true;
    return false;
  };
  p.samples.forEach((id, i) => {
    if (inInspector(id)) return;
    const us = p.timeDeltas[i] ?? 0;
    total += us;
    const o = ownerOf(id);
    add(folders, o.folder, us);
    add(files, o.file, us);
    add(fns, o.fn, us);
    const leaf = byId.get(id)!.callFrame;
    add(libs, library(leaf.url, leaf.functionName, root), us);
  });
  const list = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total / 1000),
    byFolder: list(folders, 20),
    byFile: list(files, top),
    byFunction: list(fns, top),
    byLibrary: list(libs, top),
  };
}
