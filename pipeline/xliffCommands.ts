// export-xliff and import-xliff: the human translation loop (filled in with the XLIFF modules).
import type { Io } from './cli.ts';

export async function runXliffCommand(command: string, _inputs: string[], options: { out?: string; cwd: string; io: Io }): Promise<number> {
  options.io.err(`briefings ${command}: not available yet`);
  return 2;
}
