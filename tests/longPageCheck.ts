// Cleans one very long generated page and prints the invariants' verdicts as JSON, for
// tests/clean.invariants.test.ts (a child process, so the test worker is not blocked for a minute).
import { clean } from '../pipeline/clean/index.ts';
import { cleanContextFor } from '../pipeline/clean/repairReview.ts';
import { loadTermBase } from '../pipeline/domain/termBase.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { han, lostHan, replayProblem } from './cleanInvariants.ts';
import { generatedPage } from './generatedPages.ts';

const page = process.argv[2] === 'line' ? generatedPage(600_000, { oneLine: true }) : generatedPage(1_750_000);
const file = `${process.argv[2]}.txt`;
const bytes = new TextEncoder().encode(page);
const ingested = ingest({ file, bytes });
const source = ingested.value!;
const { value } = clean(source, cleanContextFor(loadTermBase()));
const longLine = ingested.messages.find((m) => m.ruleId === 'long-line');
process.stdout.write(
  JSON.stringify({
    characters: page.length,
    bytes: bytes.length,
    longLine: longLine?.reason ?? null,
    longLineFile: longLine?.file ?? null,
    replay: replayProblem(source.text, value.edits, value.text),
    lost: lostHan(source.text, value),
    keptShare: han(value.text).length / han(page).length,
  }),
);
