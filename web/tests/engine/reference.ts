// The server's side of the parity test: reads cases as JSON on stdin and answers with what the Node engine (real
// Ajv, node:crypto) makes of each. Run with `node --import tsx`.
import { assess } from '../../../src/engine/evaluate.js';
import { AuditError } from '../../../src/errors.js';
import { rubricFromDefinition } from '../../../src/rubric/parse.js';
import { validateSchema } from '../../../src/schema/validate.js';

export type Case = { schema: 'rubric' | 'submission'; data: unknown } | { rubric: unknown; submission: unknown };

export function answer(c: Case): unknown {
  try {
    if ('schema' in c) return validateSchema(c.schema, c.data);
    const r = rubricFromDefinition(c.rubric);
    return { hash: r.hash, assessment: assess(r, c.submission) };
  } catch (e) {
    if (e instanceof AuditError) return { error: e.code, problems: e.problems };
    throw e;
  }
}

if (process.argv[1]?.endsWith('reference.ts')) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Decoded once: a character split between two chunks must not become two replacement characters.
  process.stdout.write(JSON.stringify((JSON.parse(Buffer.concat(chunks).toString('utf8')) as Case[]).map(answer)));
}
