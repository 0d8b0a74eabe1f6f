// The assets a page is printed with (stylesheet, fonts CSS, font packages, version): a coordinator hashes the ones
// it linked, a worker rebuilds its own from its install and prints only jobs whose hash it reproduces.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fontPackageVersions, installFonts } from '../publish/fonts.ts';
import { linkPrintFonts } from '../publish/printFonts.ts';
import { writeFileAtomic } from '../publish/writeFiles.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The installed project's version (package.json): a worker of another version may print differently. */
export const PROJECT_VERSION: string = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'),
).version;

/** The asset fingerprint a job carries: hash of the version, stylesheet, fonts CSS and font package versions. */
export function assetFingerprint(css: string | Uint8Array, fontsCss: string | Uint8Array): string {
  return createHash('sha256')
    .update(`briefings ${PROJECT_VERSION}\n`)
    .update(css)
    .update('\n')
    .update(fontsCss)
    .update('\n')
    .update(fontPackageVersions().join(','))
    .digest('hex');
}

/** The fingerprint of the assets next to an output folder's pages (as build wrote them). */
export function outputAssetFingerprint(outDir: string): string {
  return assetFingerprint(
    readFileSync(path.join(outDir, 'assets', 'briefing.css')),
    readFileSync(path.join(outDir, 'assets', 'fonts', 'fonts.css')),
  );
}

/** Writes this install's stylesheet and fonts under `dir/assets/`, as a build would, and returns their fingerprint. */
export function installWorkerAssets(dir: string): string {
  const css = readFileSync(path.join(PROJECT_ROOT, 'templates', 'styles', 'briefing.css'));
  const fontsCss = installFonts(path.join(dir, 'assets'));
  // A worker does not know the build's characters: the print faces whole, with the same glyphs and metrics.
  linkPrintFonts(path.join(dir, 'assets'));
  writeFileAtomic(path.join(dir, 'assets', 'briefing.css'), css);
  writeFileAtomic(path.join(dir, 'assets', 'fonts', 'fonts.css'), fontsCss);
  return assetFingerprint(css, fontsCss);
}
