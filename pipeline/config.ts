// Configuration: defaults → briefings.config.json → command-line flags, validated with zod.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { engineConfigSchema } from './engines/createEngine.ts';

export const configSchema = z
  .object({
    title: z.string().default('简报 · Briefings'),
    baseUrl: z.string().url().nullable().default(null),
    keepReleases: z.number().int().min(1).default(5),
    pdfConcurrency: z.number().int().min(1).max(8).default(2),
    engine: engineConfigSchema.default({ kind: 'none' }),
    reviewedFile: z.string().default('translations/reviewed.json'),
    locale: z.record(z.string(), z.string()).default({}),
    // Hostile input: a bigger file is refused with a diagnostic naming it and the limit; the others are built.
    maxInputBytes: z
      .number()
      .int()
      .min(1)
      .default(8 * 1024 * 1024),
    // PDFs printed by render workers through BullMQ on this Redis (redis://HOST:PORT/DB); absent: printed here.
    queue: z
      .string()
      .regex(/^rediss?:\/\/[^/\s]+(\/\d*)?$/u, 'a Redis URL, redis://HOST:PORT/DB')
      .optional(),
    // Redis unreachable: `fail` (exit code 2, the default) or `local` (print here, with a warning).
    queueFallback: z.enum(['local', 'fail']).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(cwd: string, overrides: Partial<Config> = {}): Config {
  const file = path.join(cwd, 'briefings.config.json');
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  const merged = {
    ...(fromFile as object),
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      `briefings.config.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
