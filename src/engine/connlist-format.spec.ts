/**
 * The streamed rendering (writeConnectivity over a ConnectivityTable) must be byte for byte what the
 * whole-report formatters print, on every case of the conformance corpus, with and without --explain.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compileSnapshot,
  connectivity,
  connectivityTable,
  externalPeers,
  loadSnapshot,
  type Connection,
} from './index';
import { readManifests } from '../../test/support/manifest-files';
import { formatJson, formatMd, formatTxt, writeConnectivity } from './connlist-format';

const ROOT = path.join(__dirname, '..', '..', 'test', 'fixtures', 'conformance');
const cases = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, e.name, 'input')))
  .map((e) => e.name)
  .sort();

describe('writeConnectivity', () => {
  it.each(cases)('%s: txt, json and md equal the whole-report formatters', (name) => {
    const snapshot = compileSnapshot(loadSnapshot(readManifests(path.join(ROOT, name, 'input'))));
    const report = connectivity(snapshot);
    const table = connectivityTable(snapshot);
    const explain = (c: Connection) => [`${c.src}|${c.dst}`, 'second line'];
    const streamed = (format: 'txt' | 'json' | 'md', withExplain: boolean) => {
      const chunks: string[] = [];
      writeConnectivity(table, format, (t) => chunks.push(t), withExplain ? explain : undefined);
      return chunks.join('');
    };
    expect(streamed('txt', false)).toBe(formatTxt(report));
    expect(streamed('txt', true)).toBe(formatTxt(report, explain));
    expect(streamed('json', false)).toBe(formatJson(report, externalPeers(snapshot)));
    expect(streamed('json', true)).toBe(formatJson(report, externalPeers(snapshot), explain));
    expect(streamed('md', false)).toBe(formatMd(report));
    expect(streamed('md', true)).toBe(formatMd(report, explain));
  });
});
