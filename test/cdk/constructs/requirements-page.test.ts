/**
 * The requirements page: every requirement of the catalog has a row, and every construct it
 * links to exists and is exported by `compliance-constructs/cdk`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cdkEntry from '../../../cdk/index';
import { REQUIREMENTS } from '../../../constructs/requirements';

const ROOT = join(__dirname, '..', '..', '..');
const page = readFileSync(join(ROOT, 'docs', 'constructs.md'), 'utf8');
const rows = new Map(page.split('\n').filter((l) => /^\| [A-Z]+-\d /.test(l)).map((l) => [l.split('|')[1].trim(), l]));

describe('docs/constructs.md', () => {
  it.each(REQUIREMENTS.map((r) => [r.id, r.title] as const))('%s has a row with its catalog title and at least one construct', (id, title) => {
    const row = rows.get(id);
    expect(row).toBeDefined();
    expect(row).toContain(title);
    expect(row).toMatch(/\[`\w+`\]\(\.\.\/cdk\/[\w-]+\.ts\)/);
  });

  it('links only to construct files that exist and classes the cdk entry exports', () => {
    const links = [...page.matchAll(/\[`(\w+)`\]\(\.\.\/(cdk\/[\w-]+\.ts)\)/g)];
    expect(links.length).toBeGreaterThan(30);
    for (const [, name, file] of links) {
      expect(existsSync(join(ROOT, file))).toBe(true);
      expect(Object.keys(cdkEntry)).toContain(name);
    }
  });
});
