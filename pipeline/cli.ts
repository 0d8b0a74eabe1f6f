// The briefings command: parses arguments, calls the library, prints diagnostics. Returns the exit code
// (0 all inputs built, 1 some input failed, 2 usage or configuration error); never calls process.exit.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VFileMessage } from 'vfile-message';
import { build, UsageError, VERSION } from './build.ts';
import { ConfigError } from './config.ts';
import { LockHeldError } from './publish/lock.ts';
import { rollback } from './publish/releases.ts';
import { serveFolder } from './publish/serve.ts';
import { watchInputs } from './publish/watch.ts';
import { formatDiagnostic, severityOf } from './domain/diagnostics.ts';

const HELP = `briefings ${VERSION}: raw Chinese newspaper text in, bilingual HTML and PDF briefings out.

Usage:
  briefings build [INPUT…] [--out DIR] [--publish DIR] [--no-pdf] [--json] [--quiet] [--verbose]
  briefings check [INPUT…]                diagnostics only, nothing written
  briefings watch [INPUT…] [--out DIR]    build, then build again whenever an input changes
  briefings export-xliff [INPUT…] [--out FILE]
  briefings import-xliff FILE
  briefings serve [--out DIR | --publish DIR] [--port N] [--host H]
  briefings rollback --publish DIR          point DIR/current back at the previous release
  briefings --help | --version

INPUT is files or folders (default seeds/); in a folder every *.txt is an input, with an
optional NAME.meta.json beside it ({"issueDate": "2023-06-01"}). DIR defaults to output/.
With --publish DIR each build is a release under DIR/releases/ and DIR/current is switched to it
atomically when it is done. Unchanged pages are not printed again.

Exit codes: 0 all inputs built, 1 some input failed (the others were built), 2 usage or configuration
error, 3 another run holds the lock on the output folder, 70 internal error (a bug: please report it).`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

function printMessage(io: Io, m: VFileMessage, verbose: boolean): void {
  const severity = severityOf(m);
  if (severity === 'info' && !verbose) return;
  (severity === 'error' ? io.err : io.out)(formatDiagnostic(m));
}

export async function main(argv: string[], io: Io = defaultIo, cwd = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        publish: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-pdf': { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.err(`briefings: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(VERSION);
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.out : io.err)(HELP);
    return values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'build':
      case 'check': {
        // check runs every stage but publishes nothing: its pages go to a temporary folder, removed after.
        const scratch = command === 'check' ? mkdtempSync(path.join(os.tmpdir(), 'briefings-check-')) : null;
        const result = await build({
          inputs,
          cwd,
          outDir: scratch ?? values.out,
          publishDir: scratch ? undefined : values.publish,
          pdf: command === 'check' ? false : !values['no-pdf'],
          onMessage: values.quiet || values.json ? undefined : (m) => printMessage(io, m, Boolean(values.verbose)),
        }).finally(() => {
          if (scratch) rmSync(scratch, { recursive: true, force: true });
        });
        if (values.json) {
          io.out(
            JSON.stringify(
              {
                exitCode: result.exitCode,
                outDir: result.outDir,
                failed: result.failed,
                timings: result.timings,
                articles: result.manifest.articles.map((a) => a.id),
                messages: result.messages.map((m) => ({
                  file: m.file,
                  line: m.line,
                  column: m.column,
                  severity: severityOf(m),
                  rule: m.ruleId,
                  reason: m.reason,
                })),
              },
              null,
              2,
            ),
          );
        } else if (!values.quiet) {
          const t = result.timings;
          io.out(
            `${command === 'check' ? 'checked' : 'built'} ${result.manifest.articles.length} articles from ${result.manifest.sources.length} of ${result.manifest.sources.length + result.failed.length} inputs into ${path.relative(cwd, result.outDir) || '.'} (text ${Math.round(t.textMs)} ms, HTML ${Math.round(t.htmlMs)} ms, PDF ${Math.round(t.pdfMs)} ms)`,
          );
          for (const f of result.failed) io.err(`failed: ${f.file}: ${f.reason}`);
        }
        return result.exitCode;
      }
      case 'watch': {
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        io.out(`watching ${inputs.length > 0 ? inputs.join(' ') : 'seeds'} (Ctrl-C to stop)`);
        await watchInputs(
          {
            inputs,
            cwd,
            outDir: values.out,
            publishDir: values.publish,
            pdf: !values['no-pdf'],
            onMessage: values.quiet ? undefined : (m) => printMessage(io, m, Boolean(values.verbose)),
          },
          (result) => {
            if (result instanceof Error) io.err(`briefings: ${result.message}`);
            else
              io.out(
                `built ${result.manifest.articles.length} articles (${result.failed.length} inputs failed) at ${new Date().toLocaleTimeString()}`,
              );
          },
          stop.signal,
        );
        return 0;
      }
      case 'rollback': {
        if (!values.publish) {
          io.err('briefings rollback: --publish DIR is required');
          return 2;
        }
        const previous = rollback(path.resolve(cwd, values.publish));
        if (!previous) {
          io.err(`briefings rollback: no earlier release under ${values.publish}/releases`);
          return 1;
        }
        io.out(`current → ${path.relative(path.resolve(cwd, values.publish), previous)}`);
        return 0;
      }
      case 'serve': {
        const root = values.publish
          ? path.join(path.resolve(cwd, values.publish), 'current')
          : path.resolve(cwd, values.out ?? 'output');
        const port = Number(values.port ?? 8080);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          io.err(`briefings serve: --port ${values.port} is not a port`);
          return 2;
        }
        const server = await serveFolder(root, port, values.host ?? '127.0.0.1');
        const address = server.address();
        io.out(
          `serving ${path.relative(cwd, root) || '.'} on http://${values.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : port}/ (Ctrl-C to stop)`,
        );
        await new Promise<void>((resolve) => {
          server.once('close', resolve);
          process.once('SIGINT', () => server.close());
        });
        return 0;
      }
      case 'export-xliff':
      case 'import-xliff': {
        const { runXliffCommand } = await import('./xliffCommands.ts');
        return await runXliffCommand(command, inputs, { out: values.out, cwd, io });
      }
      default:
        io.err(`briefings: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
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
