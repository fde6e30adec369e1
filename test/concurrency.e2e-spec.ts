import { contractClient } from './support/api';
import { useTestApp } from './support/app';
import { createApplication, createThreeTier, stateOf, THREE_TIER } from './support/fixtures';
import { issueToken } from './support/tokens';

const EDITORS = 25;
const PUBLISHES = 25;
/**
 * Bounds each editor's read-modify-write loop: each round of 412s has one winner, so an editor needs at
 * most EDITORS attempts; four times that allows for publishes and retries. The test is bounded by this
 * work (at most EDITORS * MAX_ATTEMPTS reads and writes), not by a time: on a loaded machine it runs
 * longer, never differently, and its timeout below only catches a hang.
 */
const MAX_ATTEMPTS = EDITORS * 4;
/** Far above the time the bounded work takes on a busy 2-core machine (about 60-100 s); a hang fails here. */
const HANG_MS = 10 * 60_000;
const ETAG = /^"[0-9a-f]{64}"$/;

interface TopologyDocument {
  components: { name: string; labels: Record<string, string>; ports: { port: number }[] }[];
  externals: unknown[];
  flows: unknown[];
}

// One application for the file: every test works on applications of its own.
const t = useTestApp();
const api = t.api;

describe('topology ETag and If-Match', () => {
  it('GET and PUT answer the same strong ETag for the same document, in JSON and YAML', async () => {
    const app = await createApplication(api);
    const put = await api.put(`/v1/applications/${app}/topology`, THREE_TIER);
    expect(put.headers.etag).toMatch(ETAG);
    const json = await api.get(`/v1/applications/${app}/topology`);
    const yaml = await api.get(`/v1/applications/${app}/topology`, { headers: { accept: 'application/yaml' } });
    expect(json.headers.etag).toBe(put.headers.etag);
    expect(yaml.headers.etag).toBe(put.headers.etag);

    const again = await api.put(`/v1/applications/${app}/topology`, THREE_TIER, {
      headers: { 'if-match': put.headers.etag as string },
    });
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(put.headers.etag);
  });

  it('refuses a stale If-Match with 412 topology/precondition_failed and writes nothing', async () => {
    const app = await createThreeTier(api);
    const stale = (await api.get(`/v1/applications/${app}/topology`)).headers.etag as string;
    await api.put(`/v1/applications/${app}/components/cache`, { labels: { app: 'cache' }, ports: [{ port: 6379 }] });
    const current = (await api.get(`/v1/applications/${app}/topology`)).headers.etag as string;
    expect(current).not.toBe(stale);
    const before = await stateOf(api, app);

    for (const ifMatch of [stale, `W/${current}`, `"${'0'.repeat(64)}", ${stale}`]) {
      const refused = await api.put(`/v1/applications/${app}/topology`, THREE_TIER, {
        headers: { 'if-match': ifMatch },
      });
      expect(refused.status).toBe(412);
      expect(refused.body).toMatchObject({ code: 'topology/precondition_failed', details: { etag: current } });
    }
    expect(await stateOf(api, app)).toEqual(before);

    const listed = await api.put(`/v1/applications/${app}/topology`, THREE_TIER, {
      headers: { 'if-match': `${stale}, ${current}` },
    });
    expect(listed.status).toBe(200);
    const any = await api.put(
      `/v1/applications/${app}/topology`,
      { ...THREE_TIER, flows: [] },
      {
        headers: { 'if-match': '*' },
      },
    );
    expect(any.status).toBe(200);
    expect(any.body.flows).toEqual([]);
  });

  it('answers 404 for an unknown application, If-Match or not', async () => {
    const response = await api.put('/v1/applications/nobody-here/topology', THREE_TIER, {
      headers: { 'if-match': '*' },
    });
    expect(response.status).toBe(404);
  });
});

describe('concurrent edits and publishes on one application', () => {
  jest.setTimeout(HANG_MS);

  it(`${EDITORS} read-modify-write editors and ${PUBLISHES} publishes: no lost update, no version gap`, async () => {
    const app = await createThreeTier(api);
    const initial = (await api.get(`/v1/applications/${app}/topology`)).headers.etag as string;
    const url = `/v1/applications/${app}/topology`;
    // Every editor is a caller of its own, as people would be (and each stays far below a per-caller rate limit).
    const editors = await Promise.all(
      Array.from({ length: EDITORS }, async () => contractClient(t.app, await issueToken(api, { role: 'editor' }))),
    );
    const publisher = contractClient(t.app, await issueToken(api, { role: 'publisher' }));

    /** Adds its own component on top of whatever it read; on 412 it reads again. */
    async function edit(i: number) {
      const name = `editor-${i}`;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const read = await editors[i].get(url);
        expect(read.status).toBe(200);
        const document = read.body as TopologyDocument;
        document.components.push({ name, labels: { editor: String(i) }, ports: [{ port: 10_000 + i }] });
        const basedOn = read.headers.etag as string;
        const written = await editors[i].put(url, document, { headers: { 'if-match': basedOn } });
        if (written.status === 412) continue;
        expect(written.status).toBe(200);
        return { name, attempts: attempt, basedOn, result: written.headers.etag as string };
      }
      throw new Error(`${name} gave up after ${MAX_ATTEMPTS} attempts`);
    }

    async function publish(i: number) {
      const response = await publisher.post(`/v1/applications/${app}/versions`, { note: `publish ${i}` });
      expect([200, 201]).toContain(response.status);
      return { created: response.status === 201, number: response.body.number as number };
    }

    // Interleaved: editor 0, publish 0, editor 1, publish 1, ... all started before any finishes.
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < Math.max(EDITORS, PUBLISHES); i++) {
      if (i < EDITORS) work.push(edit(i));
      if (i < PUBLISHES) work.push(publish(i));
    }
    const results = await Promise.all(work);
    const edits = results.filter((r): r is Awaited<ReturnType<typeof edit>> => 'basedOn' in (r as object));
    const publishes = results.filter((r): r is Awaited<ReturnType<typeof publish>> => 'created' in (r as object));
    expect(edits).toHaveLength(EDITORS);
    expect(publishes).toHaveLength(PUBLISHES);

    // No lost update: every editor's component is in the final document.
    const final = await api.get(url);
    const names = (final.body as TopologyDocument).components.map((c) => c.name);
    for (let i = 0; i < EDITORS; i++) expect(names).toContain(`editor-${i}`);
    expect(names).toHaveLength(THREE_TIER.components.length + EDITORS);

    // Each successful PUT was applied exactly once, on the state its editor read: the successful writes
    // form one chain of ETags from the initial document to the final one, each base used by exactly one.
    const byBase = new Map(edits.map((e) => [e.basedOn, e.result]));
    expect(byBase.size).toBe(EDITORS);
    let etag = initial;
    for (let step = 0; step < EDITORS; step++) {
      const next = byBase.get(etag);
      expect(next).toBeDefined();
      etag = next as string;
    }
    expect(etag).toBe(final.headers.etag);

    // Versions 1..N, consecutive, each created exactly once; every answer names one of them.
    const versions = await api.get(`/v1/applications/${app}/versions?limit=100`);
    const numbers = (versions.body.items as { number: number }[]).map((v) => v.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, k) => k + 1));
    const created = publishes.filter((p) => p.created).map((p) => p.number);
    expect(new Set(created).size).toBe(created.length);
    expect([...created].sort((a, b) => a - b)).toEqual(numbers);
    for (const p of publishes) expect(numbers).toContain(p.number);
  });
});
