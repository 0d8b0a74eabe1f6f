// Fonts come from npm packages: fontsource's TrueType-outline WOFF2 slices for screens, copied next to the pages with
// one fonts.css, and the whole Noto fonts for the print faces.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { linkFileAtomic } from './writeFiles.ts';
import { createRequire } from 'node:module';
import path from 'node:path';

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
 * The print faces: one per family and weight, the whole static Noto fonts, which the build cuts to its characters
 * (printFonts.ts). `@media print` in briefing.css names their families before fontsource's.
 */
export interface PrintFace {
  /** The family the print rule of briefing.css names (the fontsource family comes after it, for what is missing). */
  family: string;
  weight: 400 | 700;
  pkg: string;
  /** The full static TrueType font inside the package. */
  file: string;
  /** File name under assets/fonts/print/. */
  name: string;
}

export const PRINT_FACES: PrintFace[] = [
  {
    family: 'Briefings Print Serif SC',
    weight: 400,
    pkg: '@expo-google-fonts/noto-serif-sc',
    file: '400Regular/NotoSerifSC_400Regular.ttf',
    name: 'serif-sc-400.ttf',
  },
  {
    family: 'Briefings Print Serif SC',
    weight: 700,
    pkg: '@expo-google-fonts/noto-serif-sc',
    file: '700Bold/NotoSerifSC_700Bold.ttf',
    name: 'serif-sc-700.ttf',
  },
  {
    family: 'Briefings Print Sans SC',
    weight: 400,
    pkg: '@expo-google-fonts/noto-sans-sc',
    file: '400Regular/NotoSansSC_400Regular.ttf',
    name: 'sans-sc-400.ttf',
  },
  {
    family: 'Briefings Print Sans SC',
    weight: 700,
    pkg: '@expo-google-fonts/noto-sans-sc',
    file: '700Bold/NotoSansSC_700Bold.ttf',
    name: 'sans-sc-700.ttf',
  },
  {
    family: 'Briefings Print Serif TC',
    weight: 400,
    pkg: '@expo-google-fonts/noto-serif-tc',
    file: '400Regular/NotoSerifTC_400Regular.ttf',
    name: 'serif-tc-400.ttf',
  },
];

/** The folder of the print fonts under an assets folder, and the URL fonts.css names them by. */
export const PRINT_FONT_DIR = path.join('fonts', 'print');

export function printFaceSource(face: PrintFace): string {
  return path.join(fontPackageDir(face.pkg), face.file);
}

/** `package@version` of each font package, fontsource's and the print faces': a new version may print differently. */
export function fontPackageVersions(): string[] {
  const pkgs = [...new Set([...FONT_FACES, ...PRINT_FACES].map((face) => face.pkg))];
  return pkgs.map((pkg) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
}

/** The print faces' @font-face rules (fonts.css); without unicode-range, a missing glyph goes to the next family. */
export function printFontsCss(): string {
  return PRINT_FACES.map(
    (face) =>
      `@font-face {\n  font-family: '${face.family}';\n  font-style: normal;\n  font-display: block;\n` +
      `  font-weight: ${face.weight};\n  src: url(./print/${face.name}) format('truetype');\n}\n`,
  ).join('\n');
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
