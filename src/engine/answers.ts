// The three shapes an answer may take: a bare value, {value, note}, or {status: not_applicable, reason}.
export type Answer =
  | { kind: 'value'; value: unknown; note?: string }
  | { kind: 'not_applicable'; reason: string; note?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readAnswer(raw: unknown): Answer {
  if (isRecord(raw) && raw.status === 'not_applicable') {
    return { kind: 'not_applicable', reason: String(raw.reason ?? ''), ...(typeof raw.note === 'string' ? { note: raw.note } : {}) };
  }
  if (isRecord(raw) && 'value' in raw) {
    return { kind: 'value', value: raw.value, ...(typeof raw.note === 'string' ? { note: raw.note } : {}) };
  }
  return { kind: 'value', value: raw };
}
