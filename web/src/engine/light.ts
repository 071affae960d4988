// The pure, dependency-free parts of ../src that every page may use (period arithmetic, level names) without
// pulling the engine and its schema validators into the first page's bundle.
export { chinaPeriodOf } from '../../../src/periods/calendar.js';
export { parsePeriod, PERIOD_KIND_ZH, PERIOD_WORDS, type PeriodKind, periodHolding, periodShort, periodsOfYear, periodZh, previousPeriod } from '../../../src/calendar/period.js';
export { LEVEL_ZH } from '../../../src/levels.js';
export type { Problem } from '../../../src/errors.js';
export { indicatorSites } from '../../../src/rubric/walk.js';
export { SCOPE_LEVEL } from '../../../src/access/policy.js';
export { ROLE_ZH, ROLES } from '../../../src/domain/people.js';
