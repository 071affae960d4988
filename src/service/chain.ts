// The record chain as a service: verification (of the chain and of the whole stored state it vouches for), reading
// it, and its head, which every workbook prints.
import type { Principal } from '../domain/people.js';
import type { LogAnchor, LogEntry, LogVerification } from '../domain/records.js';
import type { Store } from '../store/types.js';
import type { Access } from './access.js';

export class ChainService {
  constructor(
    private readonly store: Store,
    private readonly access: Access,
  ) {}

  async verify(actor: Principal, anchor?: LogAnchor): Promise<LogVerification> {
    await this.access.manage(actor);
    return this.store.verifyLog(anchor);
  }

  async read(actor: Principal, from: number, limit: number): Promise<LogEntry[]> {
    await this.access.manage(actor);
    return this.store.readLog(from, limit);
  }

  /** "<seq>:sha256:…", as printed on reports. */
  async head(): Promise<string> {
    const head = await this.store.logHead();
    return `${head.seq}:${head.hash}`;
  }
}
