// briefings watch: build once, then again whenever an input (or its .meta.json or .review.json), the configuration
// or the reviewed translations change, until stopped. chokidar watches; this module debounces and runs one build at
// a time.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { build, type BuildOptions, type BuildResult } from '../build.ts';
import { loadConfig } from '../config.ts';

/** The files of an input folder a build reads (inputs.ts and the review store name them). */
export const INPUT_FILE = /\.(?:txt|meta\.json|review\.json)$/u;

export interface WatchOptions<R> {
  /** Input folders (their *.txt, *.meta.json, *.review.json count) and single files (any change counts). */
  folders: string[];
  files: string[];
  /** One build; never two at once. */
  rebuild: () => Promise<R>;
  /** Every build's result, or the error it threw (or the watcher's): watching goes on either way. */
  onBuild: (result: R | Error) => void;
  signal: AbortSignal;
  /** Changes are gathered until none came for this long. */
  quietMs?: number;
  /** Called once the watcher is in place and the first build has started. */
  onReady?: () => void;
}

/**
 * Builds once, then after every burst of relevant changes; files added to a watched folder after the start count.
 * Resolves when `signal` aborts, after the watcher is closed and a running build has finished.
 */
export async function watchAndRebuild<R>(options: WatchOptions<R>): Promise<void> {
  const { signal, quietMs = 300 } = options;
  if (signal.aborted) return;
  const folders = options.folders.map((f) => path.resolve(f));
  const files = new Set(options.files.map((f) => path.resolve(f)));
  // chokidar does not watch a path that does not exist yet: a single file is watched from its nearest folder.
  const anchors = [...files].map((file) => {
    let at = path.dirname(file);
    while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
    return at;
  });
  const onTheWayTo = (dir: string) => [...files].some((file) => file.startsWith(`${dir}${path.sep}`));
  const relevant = (file: string) => files.has(file) || (folders.includes(path.dirname(file)) && INPUT_FILE.test(file));
  const watcher = watch([...new Set([...folders, ...anchors])], {
    ignoreInitial: true,
    // Only what a build reads: input folders are read flat, anchors only towards their file.
    ignored: (entry: string) => {
      const full = path.resolve(entry);
      return !(folders.includes(full) || anchors.includes(full) || onTheWayTo(full) || relevant(full));
    },
  });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (signal.aborted) return;
    if (running) {
      again = true; // changes during a build: one more build after it
      return;
    }
    running = (async () => {
      try {
        options.onBuild(await options.rebuild());
      } catch (error) {
        options.onBuild(error instanceof Error ? error : new Error(String(error)));
      }
    })().finally(() => {
      running = null;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const changed = (file: string) => {
    if (!relevant(path.resolve(file))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
    }, quietMs);
  };
  watcher.on('add', changed).on('change', changed).on('unlink', changed);
  watcher.on('error', (error) => options.onBuild(error instanceof Error ? error : new Error(String(error))));
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.race([new Promise<void>((resolve) => watcher.once('ready', () => resolve())), stopped]);
  run();
  options.onReady?.();
  await stopped;
  if (timer) clearTimeout(timer);
  await watcher.close();
  while (running) await running;
}

/** `briefings watch`: the inputs of `options` (default seeds/), briefings.config.json and the reviewed file. */
export async function watchInputs(
  options: BuildOptions,
  onBuild: (result: BuildResult | Error) => void,
  signal: AbortSignal,
  quietMs = 300,
): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = (options.inputs?.length ? options.inputs : ['seeds']).map((p) => path.resolve(cwd, p));
  let reviewedFile = 'translations/reviewed.json';
  try {
    reviewedFile = loadConfig(cwd, options.config).reviewedFile;
  } catch {
    // a bad configuration is the first build's error to report; the default place is watched meanwhile
  }
  const isFolder = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  await watchAndRebuild({
    folders: inputs.filter(isFolder),
    files: [
      ...inputs.filter((p) => !isFolder(p)),
      path.join(cwd, 'briefings.config.json'),
      path.resolve(cwd, reviewedFile),
    ],
    rebuild: () => build(options),
    onBuild,
    signal,
    quietMs,
  });
}
