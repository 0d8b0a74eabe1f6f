#!/usr/bin/env node
// Set-up for a fresh machine, run by `npm run build` and `npm test`: npm dependencies, Debian's chromium (the PDF
// printer) and poppler-utils (pdftotext/pdffonts, used by the tests). Uses only Node built-ins: it runs before npm
// install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stderr.write(`setup: ${line}\n`);

function run(command, args, options = {}) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  log(`Node ${process.versions.node} is too old: briefings needs Node 20.19 or newer`);
  process.exit(1);
}

// npm dependencies: install when node_modules is missing or older than the lock file.
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000)) {
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_fund: 'false', npm_config_audit: 'false' };
  // npm ci installs exactly the lock file and never rewrites it, so set-up leaves tracked files as they are.
  run('npm', ['ci', '--no-fund', '--no-audit'], { env });
}

// Debian packages: chromium-headless-shell prints the PDFs (chromium when the shell is missing, and for the
// interactive tests); poppler-utils lets the tests read them back.
const chromium =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ??
  process.env.PUPPETEER_EXECUTABLE_PATH;
const need = [];
if (!chromium || !existsSync(chromium)) need.push('chromium');
if (!existsSync('/usr/bin/pdftotext') || !existsSync('/usr/bin/pdffonts')) need.push('poppler-utils');
// libxml2-utils: xmllint validates exported XLIFF against the OASIS schema in the tests.
if (!existsSync('/usr/bin/xmllint')) need.push('libxml2-utils');
// redis-server: the render queue's tests start a private one (briefings build --queue, briefings worker).
if (!existsSync('/usr/bin/redis-server')) need.push('redis-server');
// Wanted, not needed: without the shell PDFs print through chromium, only slower.
const want = [];
if (!process.env.PUPPETEER_EXECUTABLE_PATH && !existsSync('/usr/bin/chromium-headless-shell'))
  want.push('chromium-headless-shell');
const isRootWithApt = typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
if (need.length === 0 && want.length > 0 && !isRootWithApt) {
  log(`optional: sudo apt-get install -y --no-install-recommends ${want.join(' ')} (faster PDF printing)`);
} else if (need.length > 0 || want.length > 0) need.push(...want);
if (need.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...need], { env });
  } else {
    log(
      `missing Debian packages: ${need.join(' ')}. Run:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need.join(' ')}`,
    );
    process.exit(1);
  }
}
try {
  const version = execFileSync(chromium ?? '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  if (process.env.BRIEFINGS_SETUP_VERBOSE) log(version);
} catch {
  // chromium --version may print to stderr only; puppeteer reports a real failure when it launches.
}
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (process.env.BRIEFINGS_SETUP_VERBOSE) log(`ready: briefings ${pkg.version}`);
