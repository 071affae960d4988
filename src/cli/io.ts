import { AuditError } from '../errors.js';

/** Where a command writes: the terminal in main.ts, strings in the tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command line that cannot be run as given: exit 2 with the message and the usage text. */
export function usage(message: string): never {
  throw new AuditError('USAGE', message, [{ code: 'SCHEMA', path: '', message }]);
}
