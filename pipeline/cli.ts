// The briefings command: parses arguments per command (commander), calls an application, prints diagnostics.
// Returns the exit code (0 built, 1 some input failed, 2 usage or configuration, 3 lock held, 70 internal error);
// never calls process.exit.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { VFileMessage } from 'vfile-message';
import { build, UsageError, VERSION, type BuildResult } from './build.ts';
import { ConfigError, loadConfig } from './config.ts';
import { formatDiagnostic, severityOf } from './domain/diagnostics.ts';
import { LockHeldError } from './publish/lock.ts';
import { rollback } from './publish/releases.ts';
import { serveFolder } from './publish/serve.ts';
import { watchInputs } from './publish/watch.ts';
import { progressReporter, type ProgressMode } from './progressReporter.ts';

const ABOUT = `INPUT is files or folders (default seeds/); in a folder every *.txt is an input, with an
optional NAME.meta.json beside it ({"issueDate": "2023-06-01"}). DIR defaults to output/.
With --publish DIR each build is a release under DIR/releases/ and DIR/current is switched to it
atomically when it is done. Unchanged pages are not printed again.

Exit codes: 0 all inputs built, 1 some input failed (the others were built), 2 usage or configuration
error, 3 another run holds the lock on the output folder, 70 internal error (a bug: please report it).`;

const USAGE = `Usage:
  briefings build [INPUT…] [--out DIR] [--publish DIR] [--no-pdf] [--json] [--quiet] [--verbose] [--queue URL]
  briefings check [INPUT…]                diagnostics only, nothing written
  briefings watch [INPUT…] [--out DIR]    build, then build again whenever an input changes
  briefings export-xliff [INPUT…] [--out FILE]
  briefings import-xliff FILE
  briefings serve [--out DIR | --publish DIR] [--port N] [--host H]
  briefings studio [INPUT_DIR] [--port N] [--host H --token T] [--publish DIR]   the staff page
  briefings rollback --publish DIR          point DIR/current back at the previous release
  briefings worker --queue redis://HOST:PORT/DB [--concurrency N] [--stall-ms MS]   print PDFs for builds
  briefings --help | --version`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Present on a terminal: rewrites the current line (the progress bar). */
  redraw?: (text: string) => void;
}

const defaultIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  redraw: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text.slice(0, 110)}`) : undefined,
};

function printMessage(io: Io, m: VFileMessage, verbose: boolean): void {
  const severity = severityOf(m);
  if (severity === 'info' && !verbose) return;
  (severity === 'error' ? io.err : io.out)(formatDiagnostic(m));
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${value} is not a positive whole number`);
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`${value} is not a port`);
  return n;
}

interface BuildFlags {
  out?: string;
  publish?: string;
  pdf: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  queue?: string;
}

function printBuild(io: Io, command: string, result: BuildResult, flags: BuildFlags, cwd: string): void {
  // --json has said everything in its event lines; --quiet printed each failure as it happened.
  if (flags.json || flags.quiet) return;
  const t = result.timings;
  const sources = result.manifest.sources.length;
  io.out(
    `${command === 'check' ? 'checked' : 'built'} ${result.manifest.articles.length} articles from ${sources} of ` +
      `${sources + result.failed.length} inputs into ${path.relative(cwd, result.outDir) || '.'} ` +
      `(text ${Math.round(t.textMs)} ms, HTML ${Math.round(t.htmlMs)} ms, PDF ${Math.round(t.pdfMs)} ms)`,
  );
  for (const f of result.failed) io.err(`failed: ${f.file}: ${f.reason}`);
}

/** The command tree; each action sets `exit` (commander's own errors become exit code 2). */
function program(io: Io, cwd: string, state: { exit: number }): Command {
  const root = new Command('briefings')
    .description('raw Chinese newspaper text in, bilingual HTML and PDF briefings out')
    .version(VERSION, '-v, --version')
    .usage('<command> [options]')
    .addHelpText(
      'before',
      `briefings ${VERSION}: raw Chinese newspaper text in, bilingual HTML and PDF briefings out.\n\n${USAGE}\n`,
    )
    .addHelpText('after', `\n${ABOUT}`)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  const buildLike = (name: 'build' | 'check') =>
    root
      .command(name)
      .description(name === 'build' ? 'build the inputs into the output folder' : 'every stage, diagnostics only')
      .argument('[inputs...]', 'files or folders (default seeds/)')
      .option('--out <dir>', 'output folder (default output/)')
      .option('--publish <dir>', 'publish a release under DIR/releases and switch DIR/current')
      .option('--no-pdf', 'skip the PDFs')
      .option('--json', 'print the result as JSON')
      .option('--quiet', 'print only failures')
      .option('--verbose', 'print info diagnostics too')
      .option('--queue <url>', 'print the PDFs on workers through this Redis (redis://HOST:PORT/DB)')
      .action(async (inputs: string[], flags: BuildFlags) => {
        // check runs every stage but publishes nothing: its pages go to a temporary folder, removed after.
        const scratch = name === 'check' ? mkdtempSync(path.join(os.tmpdir(), 'briefings-check-')) : null;
        const mode: ProgressMode = flags.json ? 'json' : flags.quiet ? 'quiet' : io.redraw ? 'bar' : 'lines';
        const reporter = progressReporter(io, mode);
        const verbose = Boolean(flags.verbose);
        try {
          const result = await build({
            inputs,
            cwd,
            outDir: scratch ?? flags.out,
            publishDir: scratch ? undefined : flags.publish,
            pdf: name === 'check' ? false : flags.pdf,
            config: flags.queue ? { queue: flags.queue } : undefined,
            onMessage: (m) => {
              if (flags.json) reporter.onMessage(m, verbose);
              else if (!flags.quiet) printMessage(io, m, verbose);
            },
            onProgress: reporter.onProgress,
          });
          printBuild(io, name, result, flags, cwd);
          state.exit = result.exitCode;
        } finally {
          if (scratch) rmSync(scratch, { recursive: true, force: true });
        }
      });
  buildLike('build');
  buildLike('check');

  root
    .command('watch')
    .description('build, then build again whenever an input changes')
    .argument('[inputs...]', 'files or folders (default seeds/)')
    .option('--out <dir>', 'output folder (default output/)')
    .option('--publish <dir>', 'publish releases under DIR')
    .option('--no-pdf', 'skip the PDFs')
    .option('--quiet', 'print only failures')
    .option('--verbose', 'print info diagnostics too')
    .action(async (inputs: string[], flags: BuildFlags) => {
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      io.out(`watching ${inputs.length > 0 ? inputs.join(' ') : 'seeds'} (Ctrl-C to stop)`);
      await watchInputs(
        {
          inputs,
          cwd,
          outDir: flags.out,
          publishDir: flags.publish,
          pdf: flags.pdf,
          onMessage: flags.quiet ? undefined : (m) => printMessage(io, m, Boolean(flags.verbose)),
        },
        (result) => {
          if (result instanceof Error) io.err(`briefings: ${result.message}`);
          else
            io.out(
              `built ${result.manifest.articles.length} articles (${result.failed.length} inputs failed) at ` +
                new Date().toLocaleTimeString(),
            );
        },
        stop.signal,
      );
      state.exit = 0;
    });

  root
    .command('rollback')
    .description('point DIR/current back at the previous complete release')
    .requiredOption('--publish <dir>', 'the published folder')
    .action((flags: { publish: string }) => {
      const previous = rollback(path.resolve(cwd, flags.publish));
      if (!previous) {
        io.err(`briefings rollback: no earlier release under ${flags.publish}/releases`);
        state.exit = 1;
        return;
      }
      io.out(`current → ${path.relative(path.resolve(cwd, flags.publish), previous)}`);
      state.exit = 0;
    });

  root
    .command('serve')
    .description('serve the output or published folder on 127.0.0.1')
    .addOption(new Option('--out <dir>', 'the output folder (default output/)').conflicts('publish'))
    .option('--publish <dir>', 'serve DIR/current')
    .option('--port <n>', 'port (default 8080)', port, 8080)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (flags: { out?: string; publish?: string; port: number; host: string }) => {
      const folder = flags.publish
        ? path.join(path.resolve(cwd, flags.publish), 'current')
        : path.resolve(cwd, flags.out ?? 'output');
      const server = await serveFolder(folder, flags.port, flags.host);
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : flags.port;
      io.out(`serving ${path.relative(cwd, folder) || '.'} on http://${flags.host}:${bound}/ (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        server.once('close', resolve);
        process.once('SIGINT', () => server.close());
      });
      state.exit = 0;
    });

  root
    .command('worker')
    .description('print the PDFs of builds that run with --queue, until Ctrl-C or SIGTERM')
    .option('--queue <url>', 'the Redis the builds use (default: queue in briefings.config.json)')
    .option('--concurrency <n>', 'PDFs printed at once (default: the number of cores)', positive)
    .option('--stall-ms <ms>', 'a job whose worker went silent this long goes to another (default 30000)', positive)
    .action(async (flags: { queue?: string; concurrency?: number; stallMs?: number }) => {
      const url = flags.queue ?? loadConfig(cwd).queue;
      if (!url) throw new UsageError('worker needs --queue redis://HOST:PORT/DB (or queue in briefings.config.json)');
      const { runWorker } = await import('./queue/index.ts');
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        state.exit = await runWorker({ ...flags, url, out: io.out, err: io.err, signal: stop.signal });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  root
    .command('studio')
    .description('the staff page: paste or drop texts, check and correct them, download and publish')
    .argument('[input-dir]', 'the input folder (default seeds/)')
    .option('--port <n>', 'port (default 8090)', port, 8090)
    .option('--host <host>', 'address to bind (default 127.0.0.1; any other needs --token)', '127.0.0.1')
    .option('--token <token>', 'access token every request must carry (default: BRIEFINGS_STUDIO_TOKEN)')
    .option('--publish <dir>', 'the web folder Publish writes releases into')
    .action(
      async (inputDir: string | undefined, flags: { port: number; host: string; token?: string; publish?: string }) => {
        const { runStudio } = await import('./studio/server.ts');
        state.exit = await runStudio({
          inputDir: inputDir ?? 'seeds',
          cwd,
          port: flags.port,
          host: flags.host,
          token: flags.token ?? process.env.BRIEFINGS_STUDIO_TOKEN,
          publishDir: flags.publish ?? null,
          out: io.out,
        });
      },
    );

  root
    .command('export-xliff')
    .description('write the segments without a reviewed translation as XLIFF 2.0')
    .argument('[inputs...]', 'files or folders (default seeds/)')
    .option('--out <file>', 'the XLIFF file to write')
    .action(async (inputs: string[], flags: { out?: string }) => {
      const { runXliffCommand } = await import('./xliffCommands.ts');
      state.exit = await runXliffCommand('export-xliff', inputs, { out: flags.out, cwd, io });
    });

  root
    .command('import-xliff')
    .description('store the translated targets of an XLIFF file as reviewed')
    .argument('<file>', 'the XLIFF file')
    .action(async (file: string) => {
      const { runXliffCommand } = await import('./xliffCommands.ts');
      state.exit = await runXliffCommand('import-xliff', [file], { cwd, io });
    });
  return root;
}

export async function main(argv: string[], io: Io = defaultIo, cwd = process.cwd()): Promise<number> {
  const state = { exit: 0 };
  const root = program(io, cwd, state);
  if (argv.length === 0) {
    io.err(root.helpInformation().trimEnd());
    return 2;
  }
  try {
    await root.parseAsync(argv, { from: 'user' });
    return state.exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; everything else commander refuses is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`briefings: ${error.message}`);
      return 2;
    }
    if (error instanceof LockHeldError) {
      io.err(`briefings: ${error.message}; try again when it is done`);
      return 3;
    }
    // A broken program, not bad input: say so plainly, with the stack for the bug report.
    io.err(`briefings: internal error: ${(error as Error).stack ?? String(error)}`);
    return 70;
  }
}
