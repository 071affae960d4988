// The rubric cache of the built package (src/rubric/cache.ts), pointed at a folder of the test's own: a rubric loaded
// from it is the rubric loaded from its source, and an entry is never used once a file its load read has changed.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setRubricCache } from '../../src/rubric/cache.js';
import { DEFAULT_RUBRICS_DIR, loadRubricFile, PACKAGE_ROOT } from '../../src/rubric/load.js';

const useCache = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-cache-'));
  setRubricCache({ dir, build: 'test-build' });
  return dir;
};
const entries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));
/** Rewrites every entry's definition title, so a load that reads the cache shows it. */
const mark = (dir: string, title: string) => {
  for (const f of entries(dir)) {
    const e = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    e.definition.title = title;
    writeFileSync(join(dir, f), JSON.stringify(e));
  }
};

afterEach(() => setRubricCache(undefined));

describe('the rubric cache', () => {
  it('gives every bundled rubric exactly as its source does', async () => {
    const files = readdirSync(DEFAULT_RUBRICS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => join(DEFAULT_RUBRICS_DIR, f));
    setRubricCache(undefined);
    const fresh = await Promise.all(files.map(loadRubricFile));
    const dir = useCache();
    await Promise.all(files.map(loadRubricFile));
    expect(entries(dir).length).toBe(files.length);
    const cached = await Promise.all(files.map(loadRubricFile));
    cached.forEach((r, i) => expect(r).toEqual(fresh[i]));
  });

  it('is read while the rubric and what it cites are unchanged, and not once either changes', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rubric-copy-'));
    cpSync(join(PACKAGE_ROOT, 'rubrics/baishui-village-room-2017.yaml'), join(copy, 'rubrics/baishui-village-room-2017.yaml'));
    cpSync(join(PACKAGE_ROOT, 'standards'), join(copy, 'standards'), { recursive: true });
    const file = join(copy, 'rubrics/baishui-village-room-2017.yaml');
    const original = (await loadRubricFile(file)).title;

    const dir = useCache();
    await loadRubricFile(file);
    mark(dir, '从缓存读取');
    expect((await loadRubricFile(file)).title).toBe('从缓存读取');

    // A cited transcription edited: the load reads the sources again (and checks the quotations against the new text).
    const cited = join(copy, 'standards/baishui-three-level-service-system-2017.md');
    writeFileSync(cited, `${readFileSync(cited, 'utf8')}\n`);
    expect((await loadRubricFile(file)).title).toBe(original);

    // The rubric itself edited.
    mark(dir, '从缓存读取');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, (l) => `${l.replace(/['"]?$/, '')}（修订）${/['"]$/.test(l) ? l.at(-1) : ''}`));
    expect((await loadRubricFile(file)).title).toBe(`${original}（修订）`);
  });

  it('keeps each definition\'s hash, and loads afresh an entry kept without one', async () => {
    const file = join(DEFAULT_RUBRICS_DIR, 'baishui-village-room-2017.yaml');
    setRubricCache(undefined);
    const fresh = await loadRubricFile(file);
    const dir = useCache();
    await loadRubricFile(file);
    expect(entries(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).hash)).toEqual([fresh.hash]);
    mark(dir, '从缓存读取');
    for (const f of entries(dir)) {
      const { hash: _hash, ...old } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      writeFileSync(join(dir, f), JSON.stringify(old));
    }
    expect((await loadRubricFile(file)).title).toBe(fresh.title);
  });

  it('is not kept by another build', async () => {
    const file = join(DEFAULT_RUBRICS_DIR, 'township-center-2022.yaml');
    const dir = useCache();
    await loadRubricFile(file);
    mark(dir, '从缓存读取');
    setRubricCache({ dir, build: 'another-build' });
    expect((await loadRubricFile(file)).title).not.toBe('从缓存读取');
  });
});
