// The studio part of the bench on its own, without writing bench/results.json (`npm run bench -- --only studio`
// writes it): prints the paste → preview figures.
//   node bin/run-ts.mjs scripts/studio-bench.ts [--rounds N] [--json]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { formatTable } from '../bench/results.ts';
import { benchStudio } from '../bench/studio.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' }, json: { type: 'boolean' } } });
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const before = load();
const { figures, rows } = await benchStudio({ rounds: Math.max(1, Number(values.rounds)) });
process.stdout.write(`${formatTable(`studio (load ${before} → ${load()} on ${os.cpus().length} cores)`, rows)}\n`);
for (const r of figures.rows)
  process.stdout.write(
    `${r.seed} ${String(r.chars).padStart(5)} chars: shown ${r.total} ms (answered ${r.answered}, text ${r.text}; ` +
      `page asked ${r.asked}, served ${r.served}, templates ${r.render})\n`,
  );
if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
