#!/usr/bin/env node
// Runs the CLI from a bundle of the TypeScript sources, built on first use (cliBundle.mjs): a fresh clone needs no
// compile step.
import { loadCli } from './cliBundle.mjs';
import { tuneHeap } from './heap.mjs';
tuneHeap();
const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
