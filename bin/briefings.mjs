#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so a fresh clone needs no compile step.
import { register } from 'tsx/esm/api';
import { tuneHeap } from './heap.mjs';
tuneHeap();
register();
const { main } = await import('../pipeline/cli.ts');
process.exitCode = await main(process.argv.slice(2));
