#!/usr/bin/env node
// Runs a TypeScript script (bench, tools) through tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
register();
process.argv.splice(1, 1); // the script sees its own name in argv[1], as with node itself
await import(pathToFileURL(path.resolve(process.argv[1])).href);
