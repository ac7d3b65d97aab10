// Parse request parts with zod at the edge; failures become InvalidParameter with field paths.
import type { Request } from 'express';
import type { z } from 'zod';
import { InvalidParameter } from '../errors.ts';

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parsePart(schema, req.query, 'query');
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parsePart(schema, req.params, 'path');
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parsePart(schema, req.body ?? {}, 'body');
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ in: where, field: i.path.join('.') || '(root)', message: i.message }));
  throw new InvalidParameter(`Invalid ${where} parameter${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
}
