// The render worker (src/service/render.ts): started ahead and warmed on a template, it still renders exactly what
// rendering in this process gives, and a warm-up that fails leaves it working.
import { afterAll, describe, expect, it } from 'vitest';
import { buildTemplate } from '../../src/excel/template.js';
import type { ChainService } from '../../src/service/chain.js';
import { prewarmRendering, Renderer, stopRendering } from '../../src/service/render.js';
import type { Rubric } from '../../src/rubric/model.js';
import { rubric } from '../support/rubrics.js';
import { load } from '../support/workbooks.js';

const r = await rubric('township-center-2022');
const county = await rubric('county-monthly-assessment');
// A template prints no chain head, so the renderer never asks the chain for one here.
const renderer = new Renderer({} as ChainService, () => new Date(Date.UTC(2026, 10, 28)));

afterAll(() => stopRendering());

/** The worker's template and the one built here, read back sheet by sheet and cell by cell. */
async function sameAsHere(rub: Rubric): Promise<void> {
  const there = await load((await renderer.template(rub, { bulk: false, period: '2026-11' })).bytes);
  const here = await load(await buildTemplate(rub, { period: '2026-11' }));
  expect(there.worksheets.map((w) => w.name)).toEqual(here.worksheets.map((w) => w.name));
  for (const sheet of here.worksheets) {
    const other = there.getWorksheet(sheet.name)!;
    expect([other.rowCount, other.columnCount, other.model.merges]).toEqual([sheet.rowCount, sheet.columnCount, sheet.model.merges]);
    sheet.eachRow({ includeEmpty: true }, (row, n) => row.eachCell({ includeEmpty: true }, (cell, c) => expect([n, c, other.getCell(n, c).value]).toEqual([n, c, cell.value])));
  }
}

describe('the render worker started ahead of the first download', () => {
  it('warmed on one rubric\'s template, renders that rubric and another exactly as this process does', async () => {
    await stopRendering();
    prewarmRendering(county);
    await sameAsHere(r);
    await sameAsHere(county);
  }, 60_000);

  it('a warm-up that fails (a rubric that does not load) leaves it rendering', async () => {
    await stopRendering();
    prewarmRendering({ hash: 'sha256:0', definition: { id: 'not-a-rubric' } } as unknown as Rubric);
    await sameAsHere(r);
  }, 60_000);
});
