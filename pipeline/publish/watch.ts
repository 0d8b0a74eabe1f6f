// briefings watch: build once, then again whenever an input (or its .meta.json) changes, until stopped.
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build.ts';

/** Rebuilds after changes settle (`quietMs`), one build at a time; resolves when `signal` aborts. */
export async function watchInputs(
  options: BuildOptions,
  onBuild: (result: BuildResult | Error) => void,
  signal: AbortSignal,
  quietMs = 300,
): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const targets = (options.inputs && options.inputs.length > 0 ? options.inputs : ['seeds']).map((p) =>
    path.resolve(cwd, p),
  );
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        onBuild(await build(options));
      } catch (error) {
        onBuild(error as Error);
      }
    });
  };
  run();
  const watchers: FSWatcher[] = targets
    .filter((t) => existsSync(t))
    .map((t) =>
      watch(statSync(t).isDirectory() ? t : path.dirname(t), (_event, name) => {
        if (name && !/\.(txt|meta\.json)$/u.test(String(name))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(run, quietMs);
      }),
    );
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
