// What can go wrong with the queue before a build starts, as an error the CLI maps to exit code 2.
import { ConfigError } from '../config.ts';

/** Redis cannot be reached, is too old, or its URL is malformed: a configuration problem of the machine. */
export class QueueUnreachableError extends ConfigError {}
