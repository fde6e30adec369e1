import fs from 'node:fs';
import path from 'node:path';
import type { ManifestFile } from '../../src/engine';

/** Every .yaml/.yml/.json file under `dir`, sorted, named relative to `dir` (the CLI's job in production). */
export function readManifests(dir: string): ManifestFile[] {
  const out: ManifestFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name))
        out.push({ name: path.relative(dir, p), content: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
