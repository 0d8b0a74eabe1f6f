// The CLI as one ES module bundle with its npm packages (esbuild, in node_modules/.cache/briefings-cli/), rebuilt
// when a source file changes: loading ~200 TypeScript files through tsx's loader thread and ~300 package modules
// took 2.7 s of every command's start, the bundle 0.8 s. BRIEFINGS_NO_BUNDLE=1 runs the sources through tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(ROOT, 'pipeline');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'briefings-cli');

/** Every .ts file under pipeline/ with its size and modification time: a change to any of them is a new key. */
export function sourceKey(esbuildVersion, root = ROOT) {
  const sources = path.join(root, 'pipeline');
  const hash = createHash('sha256').update(`${esbuildVersion}\0${root}\0`);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) {
        const s = statSync(file);
        hash.update(`${path.relative(sources, file)}\0${s.size}\0${s.mtimeMs}\0`);
      }
    }
  };
  walk(sources);
  // Packages are in the bundle too: a new install (its lock file) or a new way of bundling is a new key.
  for (const file of [path.join(root, 'node_modules', '.package-lock.json'), fileURLToPath(import.meta.url)]) {
    const s = existsSync(file) ? statSync(file) : null;
    hash.update(`${file}\0${s?.size}\0${s?.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Each module keeps its own import.meta.url, so paths to data/ and templates/ resolve as from the sources. */
const ownUrlPlugin = {
  name: 'own-import-meta-url',
  setup(build) {
    // esbuild takes Go regular expressions, which have no u flag.
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

const EXTERNAL = [
  'puppeteer-core',
  'bullmq',
  'ioredis',
  'chokidar',
  'esbuild',
  'tsx',
  '@fontsource/*',
  '@expo-google-fonts/*',
  'subset-font',
];

async function bundle(outdir) {
  const esbuild = await import('esbuild');
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { cli: path.join(SOURCES, 'cli.ts') },
    outdir: tmp,
    bundle: true,
    splitting: true, // the commands' own modules (studio, worker, xliff) still load only when asked for
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages that load files or workers of their own, or are large and only some commands use, stay outside.
    external: EXTERNAL,
    banner: {
      js: "import { createRequire as __briefingsRequire } from 'node:module'; const require = __briefingsRequire(import.meta.url);",
    },
    keepNames: true,
    logLevel: 'silent',
    plugins: [ownUrlPlugin],
  });
  // Another process may have built the same key meanwhile: either copy is the same code.
  try {
    renameSync(tmp, outdir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The CLI module: from the bundle for the current sources (built first when missing), or through tsx. */
export async function loadCli() {
  if (!process.env.BRIEFINGS_NO_BUNDLE) {
    try {
      const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/esbuild/package.json'), 'utf8'));
      const outdir = path.join(CACHE, sourceKey(version));
      const entry = path.join(outdir, 'cli.js');
      if (!existsSync(entry)) {
        mkdirSync(CACHE, { recursive: true });
        // Only the five bundles used last are kept (a process started before a change may still load from its own).
        const kept = readdirSync(CACHE)
          .map((name) => ({ name, used: statSync(path.join(CACHE, name)).mtimeMs }))
          .sort((a, b) => b.used - a.used);
        for (const old of kept.slice(4)) rmSync(path.join(CACHE, old.name), { recursive: true, force: true });
        await bundle(outdir);
      }
      const now = new Date();
      utimesSync(outdir, now, now);
      return await import(pathToFileURL(entry).href);
    } catch (error) {
      if (process.env.BRIEFINGS_DEBUG) process.stderr.write(`bundle not used: ${error?.message ?? error}\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../pipeline/cli.ts');
}
