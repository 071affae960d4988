export const SCHEMA_BASE = 'https://bianmin-audit.local/schemas/';
export const SCHEMA_NAMES = ['rubric', 'submission', 'assessment', 'tailoring'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];
export const schemaId = (name: SchemaName): string => `${SCHEMA_BASE}${name}.json`;
