// Fonts come from fontsource npm packages (TrueType-outline WOFF2 slices): copied next to the pages with one fonts.css.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { linkFileAtomic } from './writeFiles.ts';
import { createRequire } from 'node:module';
import path from 'node:path';
import { printFontsCss } from './printFonts.ts';

const require = createRequire(import.meta.url);

/** Family, package, weights: serif for text, sans for headings, TC for traditional-script originals. */
export const FONT_FACES = [
  { family: 'Noto Serif SC', pkg: '@fontsource/noto-serif-sc', weights: [400, 700] },
  { family: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc', weights: [400, 700] },
  { family: 'Noto Serif TC', pkg: '@fontsource/noto-serif-tc', weights: [400] },
];

export function fontPackageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/**
 * Writes assets/fonts/<pkg>/files/*.woff2 and returns the CSS text (only WOFF2 sources, paths rewritten), with the
 * print faces' rules after them.
 */
export function installFonts(assetsDir: string): string {
  const css: string[] = [];
  for (const face of FONT_FACES) {
    const from = fontPackageDir(face.pkg);
    const name = face.pkg.split('/')[1];
    const to = path.join(assetsDir, 'fonts', name, 'files');
    mkdirSync(to, { recursive: true });
    for (const weight of face.weights) {
      const text = readFileSync(path.join(from, `${weight}.css`), 'utf8');
      const rewritten = text.replace(
        /src:\s*url\(\.\/files\/([^)]+\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/gu,
        (_m, file: string) => {
          const source = path.join(from, 'files', file);
          const target = path.join(to, file);
          // Incremental: a font slice already in place with the same size is not copied again; a new one is a link
          // to the package's file where the file system allows it (a release then costs no copy of the fonts).
          if (!existsSync(target) || statSync(target).size !== statSync(source).size)
            if (!linkFileAtomic(source, target)) copyFileSync(source, target);
          return `src: url(./${name}/files/${file}) format('woff2')`;
        },
      );
      css.push(rewritten.replace(/font-display:\s*swap/gu, 'font-display: block'));
    }
  }
  // The print faces' files are written by the build (cut to its characters) or linked whole (printFonts.ts).
  css.push(printFontsCss());
  return css.join('\n');
}
