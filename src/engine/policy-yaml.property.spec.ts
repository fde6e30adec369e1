/**
 * The emitter against the `yaml` library it replaces: byte-identical text for every value, since stored
 * manifests are digested (ETag, version dedupe). Policies are built with the strings that need quoting
 * ("80", "true", "null", "yes", ":", "#", spaces at either end, unicode, long strings, document markers,
 * line breaks), empty maps and lists, IPv6 CIDRs and ports as numbers and names; generated policies of
 * topologies carrying such names too; and arbitrary nested data, for the layout alone. Every text must
 * also read back as its value under YAML 1.1, as Kubernetes (go-yaml v2) reads manifests.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { fullPropertyRuns, propertyRuns } from '../../test/support/property-runs';
import { generateNetworkPolicies } from './generate';
import { toYaml, toYamlByLibrary } from './manifests';
import type { NetworkPolicy } from './model';
import { YamlEmitter, yamlByLibrary } from './policy-yaml';
import type { Component, Flow, Topology } from './topology';

const TRICKY = [
  '',
  ' ',
  '80',
  '0',
  '-1',
  '1e3',
  '0x1F',
  '0o17',
  '0O17',
  '0X1F',
  '0B101',
  '+0o17',
  '0o1_7',
  '08',
  '1E5',
  '.5',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'True',
  'false',
  'null',
  'Null',
  '~',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'Y',
  'n',
  'NO',
  'On',
  'OFF',
  'e5',
  'e-1',
  '1:20',
  '0b101',
  '1_000',
  '0755',
  '2001-01-01',
  '.',
  ':',
  'a:b',
  'a: b',
  'key:',
  '#',
  'a #b',
  'a#b',
  '-',
  '- a',
  '?',
  '? a',
  '!tag',
  '&anchor',
  '*alias',
  '|',
  '>',
  '%',
  '@',
  '`',
  "'",
  '"',
  "it's",
  'say "hi"',
  '[a]',
  '{a: 1}',
  'a,b',
  ' leading',
  'trailing ',
  '\ttab',
  'back\\slash',
  '---',
  '--- a',
  '...',
  '%YAML',
  'a\nb',
  'a\n\nb',
  'ends\n',
  'x\r\ny',
  '\u0000nul',
  '\u0085next-line',
  '\u00a0nbsp',
  '\ufeffbom',
  'ünïcødé',
  'スペース',
  '🙂 emoji',
  '\ud800 lone surrogate',
  '2001:db8::/32',
  '::/0',
  'fe80::1%eth0',
  '10.0.0.0/8',
  'kubernetes.io/metadata.name',
  'app.kubernetes.io/part-of',
  'x'.repeat(1025),
  'long '.repeat(300),
];

const stringArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 80, maxLength: 1200 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/) },
);
const labelsArb = fc.dictionary(stringArb, stringArb, { maxKeys: 4 });
const portArb = fc.oneof(fc.integer({ min: 0, max: 65535 }), stringArb);
const selectorArb = fc.record(
  {
    matchLabels: labelsArb,
    matchExpressions: fc.array(
      fc.record(
        {
          key: stringArb,
          operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
          values: fc.array(stringArb, { maxLength: 3 }),
        },
        { requiredKeys: ['key', 'operator'] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const cidrArb = fc.oneof(
  fc.ipV4().map((ip) => `${ip}/32`),
  fc.ipV6().map((ip) => `${ip}/128`),
  fc.constantFrom('0.0.0.0/0', '::/0', '2001:db8::/32', '10.0.0.0/8'),
  stringArb,
);
const peerArb = fc.oneof(
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }, { requiredKeys: [] }),
  fc.record({ ipBlock: fc.record({ cidr: cidrArb, except: fc.array(cidrArb, { maxLength: 3 }) }) }),
);
const policyPortArb = fc.record(
  { port: portArb, endPort: fc.integer({ min: 0, max: 65535 }), protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') },
  { requiredKeys: [] },
);
const ruleArb = (side: 'from' | 'to') =>
  fc.record(
    { [side]: fc.array(peerArb, { maxLength: 3 }), ports: fc.array(policyPortArb, { maxLength: 3 }) },
    { requiredKeys: [] },
  );
const policyArb: fc.Arbitrary<NetworkPolicy> = fc.record(
  {
    apiVersion: fc.constant('networking.k8s.io/v1'),
    kind: fc.constant('NetworkPolicy'),
    metadata: fc.record(
      { name: stringArb, namespace: stringArb, labels: labelsArb, annotations: labelsArb },
      { requiredKeys: ['name'] },
    ),
    spec: fc.record(
      {
        podSelector: selectorArb,
        policyTypes: fc.subarray(['Ingress', 'Egress']),
        ingress: fc.array(ruleArb('from'), { maxLength: 3 }),
        egress: fc.array(ruleArb('to'), { maxLength: 3 }),
      },
      { requiredKeys: ['podSelector'] },
    ),
  },
  { requiredKeys: ['apiVersion', 'kind', 'metadata'] },
) as fc.Arbitrary<NetworkPolicy>;

/** Any plain data: the emitter's layout (nesting, empty collections, sequences in sequences). */
const { data } = fc.letrec<{ data: unknown; scalar: unknown }>((tie) => ({
  scalar: fc.oneof(
    stringArb,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(-0),
    fc.constant(undefined),
  ),
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('scalar'),
    fc.array(tie('data'), { maxLength: 4 }),
    fc.dictionary(stringArb, tie('data'), { maxKeys: 4 }),
  ),
}));

/** Names and label values Kubernetes accepts that YAML would read as something else unless quoted. */
const validArb = fc.oneof(
  fc.constantFrom('80', '0', '1e3', '0x1f', 'true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', 'nan', 'inf'),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/),
);
const validLabelsArb = fc.dictionary(
  fc.oneof(
    validArb,
    validArb.map((k) => `example.com/${k}`),
  ),
  fc.oneof(validArb, fc.constant('')),
  { minKeys: 1, maxKeys: 3 },
);

/**
 * A topology whose names, namespaces and labels are such strings, or any of the strings above
 * (which generation may refuse).
 */
const topologyArb: fc.Arbitrary<Topology> = fc
  .array(
    fc.oneof(
      {
        weight: 19,
        arbitrary: fc.record({
          name: validArb,
          namespace: validArb,
          labels: validLabelsArb,
          port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('http', 'grpc-web', 'yes', 'null')),
        }),
      },
      { weight: 1, arbitrary: fc.record({ name: stringArb, namespace: stringArb, labels: labelsArb, port: portArb }) },
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .chain((raw) => {
    const components: Component[] = raw.map((c, i) => ({
      name: `${c.name}${i}`,
      namespace: c.namespace,
      labels: c.labels,
      ports: [
        typeof c.port === 'number'
          ? { port: c.port, protocol: 'TCP' }
          : { name: c.port, port: 8080 + i, protocol: 'UDP' },
      ],
    }));
    const flowArb = fc
      .record({ from: fc.constantFrom(...components), to: fc.constantFrom(...components), cidr: cidrArb })
      .map(({ from, to }): Flow => ({
        from: { component: from.name },
        to: { component: to.name },
        ports: to.ports.map((p) => ({ port: p.name ?? p.port, protocol: p.protocol })),
      }));
    return fc.array(flowArb, { maxLength: 6 }).map((flows): Topology => ({
      name: 'yaml',
      components,
      externals: [{ name: 'v6', cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] }],
      flows: [...flows, { from: { external: 'v6' }, to: { component: components[0]!.name }, ports: [] }],
    }));
  });

let generatedSets = 0;
function generatedOrNone(topology: Topology): NetworkPolicy[] {
  try {
    const policies = generateNetworkPolicies(topology);
    generatedSets += 1;
    return policies;
  } catch {
    return [];
  }
}

describe('YamlEmitter gives the bytes of the yaml library', () => {
  it('for every tricky string as a key, a map value and a sequence item', () => {
    const emitter = new YamlEmitter();
    for (const s of TRICKY) {
      const value = { [s]: s, list: [s, { [s]: [s] }], nested: { [s]: { k: s } } };
      expect(emitter.yamlOf(value)).toBe(yamlByLibrary(value));
      expect(readBack(emitter.yamlOf(value))).toEqual([value]);
    }
  });

  it('for every lower-case name, as a map value and a sequence item (the emitter writes those itself)', () => {
    const emitter = new YamlEmitter();
    const first = 'abcdefghijklmnopqrstuvwxyz';
    const rest = `${first}0123456789-`;
    // Every name of up to three characters at full size (37,000 names, about 10 s), two in the unit project.
    const thirds = fullPropertyRuns() ? ['', ...rest] : [''];
    const names = [...first].flatMap((a) => ['', ...rest].flatMap((b) => thirds.map((c) => `${a}${b}${c}`)));
    const check = (s: string) => {
      const value = { k: s, list: [s, { k: [s] }] };
      expect(emitter.yamlOf(value)).toBe(yamlByLibrary(value));
      expect(readBack(emitter.yamlOf(value))).toEqual([value]);
    };
    const more = ['null', 'true', 'false', 'nan', 'inf', 'yes', 'no', 'on', 'off', 'e5', 'e12345', 'e-1234', 'e1-'];
    for (const s of [...names, ...more]) {
      const value = { k: s, list: [s, { k: [s] }] };
      expect(emitter.yamlOf(value)).toBe(yamlByLibrary(value));
    }
    // Read back under YAML 1.1 in one document (a document per name is seconds of parsing).
    const all = { items: [...names, ...more], values: [...names, ...more].map((s) => ({ k: s })) };
    expect(readBack(emitter.yamlOf(all))).toEqual([all]);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/), (s) => check(s)),
      { numRuns: propertyRuns(2000) },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^e-?[0-9]{1,12}$/), (s) => check(s)),
      { numRuns: propertyRuns(200) },
    );
  });

  it('for 0 and -0 in either order through one emitter (a Map key does not tell them apart)', () => {
    for (const [first, second] of [
      [0, -0],
      [-0, 0],
    ]) {
      const emitter = new YamlEmitter();
      for (const n of [first, second]) {
        const value = { a: n, list: [n, { b: [n] }] };
        expect(emitter.yamlOf(value)).toBe(yamlByLibrary(value));
        expect(readBack(emitter.yamlOf(value))).toEqual([value]);
      }
    }
  });

  it('for generated-shape NetworkPolicies, one emitter across the whole set as toYaml uses it', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 6 }), (policies) => {
        expect(toYaml(policies)).toBe(toYamlByLibrary(policies));
        if (policies.every(readsBack)) expect(readBack(toYaml(policies))).toEqual(asWritten(policies));
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  it('for the policies the generator makes of topologies with such names and labels', () => {
    fc.assert(
      fc.property(topologyArb, (topology) => {
        const policies = generatedOrNone(topology);
        expect(toYaml(policies)).toBe(toYamlByLibrary(policies));
        if (policies.every(readsBack)) expect(readBack(toYaml(policies))).toEqual(asWritten(policies));
      }),
      { numRuns: propertyRuns(500) },
    );
    // Most topologies must reach the emitter, not the generator's refusal.
    expect(generatedSets).toBeGreaterThan(propertyRuns(500) / 2);
  });

  it('for arbitrary nested plain data, after the same data with 0 and -0 swapped', () => {
    const emitter = new YamlEmitter();
    fc.assert(
      fc.property(fc.dictionary(stringArb, data, { minKeys: 1, maxKeys: 5 }), (value) => {
        // What the emitter remembers of one value must not leak into another that equals it but for zeros.
        emitter.yamlOf(zerosSwapped(value));
        expect(emitter.yamlOf(value)).toBe(yamlByLibrary(value));
        if (readsBack(value)) expect(readBack(emitter.yamlOf(value))).toEqual([asWritten(value)]);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

/**
 * The documents of `text` as both readers of manifests see them, which must agree: a YAML 1.1 reader
 * (Kubernetes reads manifests with go-yaml v2: a plain `yes`, `on` or `n` would come back a boolean,
 * `1:20` a number) and a YAML 1.2 one (this service reads stored manifests back so: a plain `0o17` or
 * `1e5` would come back a number). And no string Go's integer syntax reads (`0X1F`, `+0o17`) is plain.
 */
function readBack(text: string): unknown[] {
  const [yaml11, yaml12] = (['1.1', '1.2'] as const).map((version) =>
    parseAllDocuments(text, { version }).map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS() as unknown;
    }),
  );
  expect(yaml12).toEqual(yaml11);
  const goInteger = /(?:^ *|: |^ *- )[-+]?0[bBoOxX][0-9a-fA-F_]*$/m.exec(text);
  if (goInteger !== null) expect(goInteger[0]).toBe('a Go integer written plain');
  return yaml11!;
}

/**
 * Whether the document `value` avoids the keys the library writes plain though a reader would not give
 * them back: `<<`, which a YAML 1.1 reader takes for a merge; `__proto__`, which sets the prototype of
 * the sorted copy that is rendered (and of the object a JavaScript reader builds) instead of an entry;
 * and a first key starting with a byte order mark, which any reader drops at the start of a document.
 * None is a name or label key Kubernetes accepts, so no generated policy has one.
 */
function readsBack(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return !hasOddKey(value);
  const first = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort()[0];
  return !first?.startsWith('\ufeff') && !hasOddKey(value);
}

/** Whether a map in `value` has the key `<<` or `__proto__`. */
function hasOddKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasOddKey);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k === '<<' || k === '__proto__' || hasOddKey(v));
  }
  return false;
}

/** `value` as YAML holds it: map entries whose value is undefined left out, undefined items null. */
function asWritten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : asWritten(item)));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, asWritten(v)]),
    );
  }
  return value;
}

/** `value` with every 0 made -0 and every -0 made 0. */
function zerosSwapped(value: unknown): unknown {
  if (value === 0) return Object.is(value, -0) ? 0 : -0;
  if (Array.isArray(value)) return value.map(zerosSwapped);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, zerosSwapped(v)]));
  }
  return value;
}
