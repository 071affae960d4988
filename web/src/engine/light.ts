// The pure, dependency-free parts of ../src that every page may use (month arithmetic, level names) without
// pulling the engine and its schema validators into the first page's bundle.
export { chinaPeriod, previousMonth } from '../../../src/periods/calendar.js';
export { LEVEL_ZH } from '../../../src/levels.js';
export type { Problem } from '../../../src/errors.js';
export { indicatorSites } from '../../../src/rubric/walk.js';
export { SCOPE_LEVEL } from '../../../src/access/policy.js';
export { ROLE_ZH, ROLES } from '../../../src/domain/people.js';
