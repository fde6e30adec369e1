/**
 * The quick check of topology documents against the validation it lets bodies skip: whatever it
 * accepts, class-transformer and class-validator (TopologyDocumentDto's rules, through the pipe with
 * the quick check turned off) accept too, and hand on the same document. Documents are mostly valid
 * with one or two faults sprinkled in: each field's wrong types and values, nulls, unknown fields,
 * duplicate names, limits, selector peers.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import { propertyRuns } from '../../../test/support/property-runs';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { quickAcceptsTopologyDocument } from './topology-document.quick-check';
import { TopologyDocumentDto } from './topology.dto';

const pipe = createValidationPipe();

/** The pipe's answer as class-validator gives it: the DTO as plain JSON, or the refusal's details. */
async function validated(body: unknown): Promise<{ accepted: unknown } | { refused: unknown }> {
  const off = jest.spyOn(TopologyDocumentDto, 'quickAccepts').mockReturnValue(false);
  try {
    const dto = await pipe.transform(structuredClone(body), { type: 'body', metatype: TopologyDocumentDto });
    return { accepted: JSON.parse(JSON.stringify(dto)) as unknown };
  } catch (error) {
    return { refused: (error as { details?: unknown }).details ?? String(error) };
  } finally {
    off.mockRestore();
  }
}

/** A valid value most of the time, else one of `faults`. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...faults: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 60, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...faults) });

const dnsName = mostly(
  fc.stringMatching(/^[a-z]([-a-z0-9]{0,6}[a-z0-9])?$/),
  'Web',
  'web_1',
  '-web',
  'a'.repeat(64),
  '',
  3,
  null,
  [],
);
const portName = mostly(
  fc.constantFrom('http', 'grpc', 'metrics'),
  'HTTP',
  'a-very-long-port-name',
  '80',
  'h--p',
  8080,
);
const portNumber = mostly(fc.integer({ min: 1, max: 65535 }), 0, 65536, 1.5, -1, '80', null);
const protocol = mostly(fc.constantFrom('TCP', 'UDP', 'SCTP'), 'tcp', 'ICMP', '', 6);
const labels = mostly(
  fc.dictionary(
    fc.constantFrom('app', 'tier', 'example.com/team', 'a.b/c-d'),
    fc.constantFrom('web', 'db', '', 'x-1', 'v1.2'),
    { minKeys: 1, maxKeys: 3 },
  ),
  {},
  { app: 3 },
  { 'bad key!': 'x' },
  { app: 'bad value!' },
  { app: '-x' },
  'app=web',
  [],
  null,
);
const cidr = mostly(
  fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '203.0.113.0/24', '2001:db8::/32', '::/0'),
  '10.1.2.3/8',
  '10.0.0.0',
  '300.0.0.0/8',
  '2001:db8::1/32',
  7,
);
const except = mostly(
  fc.constantFrom([], ['10.1.0.0/16'], ['203.0.113.0/28'], ['2001:db8:bad::/48'], ['10.1.0.0/16', '10.2.0.0/16']),
  ['192.168.0.0/16'],
  ['not-a-cidr'],
  '10.1.0.0/16',
  null,
);

/** An object whose fields are optional (absent or undefined), sometimes with an unknown field added. */
function record(fields: Record<string, fc.Arbitrary<unknown>>, required: string[]): fc.Arbitrary<unknown> {
  const base = fc.record(fields, { requiredKeys: required });
  return fc.oneof(
    { weight: 80, arbitrary: base },
    { weight: 1, arbitrary: base.map((v) => ({ ...(v as object), extra: 1 })) },
    { weight: 1, arbitrary: fc.constantFrom(null, 'x', [], 3) },
  );
}

const componentPort = record({ name: portName, port: portNumber, protocol }, ['port']);
const component = record(
  {
    name: dnsName,
    namespace: dnsName,
    labels,
    ports: mostly(fc.array(componentPort, { maxLength: 3 }), null, 'http', [{ port: 80 }, { port: 80 }]),
  },
  ['name', 'labels'],
);
const external = record({ name: dnsName, cidr, except }, ['name', 'cidr']);
const peer = mostly(
  fc.oneof(
    dnsName.map((component) => ({ component })),
    dnsName.map((external) => ({ external })),
  ),
  { component: 'web', external: 'internet' },
  {},
  { selector: { podSelector: { matchLabels: { app: 'web' } } } },
  { selector: {} },
  { component: null },
  'web',
);
const flowPort = record(
  {
    port: fc.oneof(portNumber, portName),
    endPort: mostly(fc.integer({ min: 1, max: 65535 }), 0, 'x', 70000),
    protocol,
  },
  [],
);
const flow = record(
  {
    from: peer,
    to: peer,
    ports: mostly(fc.array(flowPort, { maxLength: 3 }), null, {}),
    description: mostly(fc.string({ maxLength: 20 }), 'x'.repeat(1001), 5, null),
  },
  ['from', 'to'],
);
const document = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record(
      {
        name: dnsName,
        namespace: dnsName,
        components: mostly(
          fc.uniqueArray(component, { maxLength: 4, selector: (c) => (c as { name?: unknown } | null)?.name }),
          fc.array(component, { maxLength: 4 }),
          null,
          {},
        ),
        externals: mostly(fc.array(external, { maxLength: 3 }), null, 'internet'),
        flows: mostly(fc.array(flow, { maxLength: 4 }), null, {}),
      },
      { requiredKeys: ['components'] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom({}, { components: [], settings: { isolation: 'both' } }) },
);

describe('quickAcceptsTopologyDocument', () => {
  it('accepts only documents that class-validator accepts, which it hands on unchanged', async () => {
    const seen = { quick: 0, validatedOnly: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(document, async (body) => {
        const answer = await validated(body);
        if (quickAcceptsTopologyDocument(body)) {
          seen.quick += 1;
          expect(answer).toEqual({ accepted: JSON.parse(JSON.stringify(body)) });
        } else if ('accepted' in answer) seen.validatedOnly += 1;
        else seen.refused += 1;
      }),
      { numRuns: propertyRuns(3000) },
    );
    // Both answers are exercised, and so are documents only the full validation accepts.
    expect(seen.quick).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('refuses each single fault that class-validator refuses', async () => {
    const base = {
      components: [{ name: 'web', labels: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }],
      externals: [{ name: 'corp', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }],
      flows: [{ from: { external: 'corp' }, to: { component: 'web' }, ports: [{ port: 80, endPort: 90 }] }],
    };
    const component = base.components[0]!;
    const flow = base.flows[0]!;
    const faults: Record<string, unknown> = {
      'empty labels': { ...base, components: [{ ...component, labels: {} }] },
      'label value': { ...base, components: [{ ...component, labels: { app: 'no spaces' } }] },
      'label key': { ...base, components: [{ ...component, labels: { '-app': 'web' } }] },
      'too many labels': {
        ...base,
        components: [
          { ...component, labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) },
        ],
      },
      'component name': { ...base, components: [{ ...component, name: 'Web' }] },
      'duplicate component': { ...base, components: [component, component] },
      'duplicate port name': {
        ...base,
        components: [
          {
            ...component,
            ports: [
              { name: 'a', port: 1 },
              { name: 'a', port: 2 },
            ],
          },
        ],
      },
      'port 0': { ...base, components: [{ ...component, ports: [{ port: 0 }] }] },
      'port as digits': { ...base, flows: [{ ...flow, ports: [{ port: '80' }] }] },
      protocol: { ...base, flows: [{ ...flow, ports: [{ port: 80, protocol: 'tcp' }] }] },
      'endPort below port': { ...base, flows: [{ ...flow, ports: [{ port: 80, endPort: 79 }] }] },
      'endPort of a named port': { ...base, flows: [{ ...flow, ports: [{ port: 'http', endPort: 90 }] }] },
      'two peer kinds': { ...base, flows: [{ ...flow, from: { component: 'web', external: 'corp' } }] },
      'long description': { ...base, flows: [{ ...flow, description: 'x'.repeat(1001) }] },
      'except outside cidr': { ...base, externals: [{ name: 'corp', cidr: '10.0.0.0/8', except: ['11.0.0.0/8'] }] },
      'cidr not canonical': { ...base, externals: [{ name: 'corp', cidr: '10.1.2.3/8' }] },
      'unknown field': { ...base, settings: { isolation: 'both' } },
    };
    expect(quickAcceptsTopologyDocument(base)).toBe(true);
    for (const [fault, body] of Object.entries(faults)) {
      expect({ fault, quick: quickAcceptsTopologyDocument(body) }).toEqual({ fault, quick: false });
      expect({ fault, refused: 'refused' in (await validated(body)) }).toEqual({ fault, refused: true });
    }
  });

  it("accepts the benchmark's document, and refuses what it does not model", () => {
    const document = {
      name: 'publish-0',
      namespace: 'bench',
      components: Array.from({ length: 1000 }, (_, i) => ({
        name: `c${i}`,
        labels: { app: `c${i}` },
        ports: [{ name: 'http', port: 8080 }],
      })),
      externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }],
      flows: Array.from({ length: 5000 }, (_, i) => ({
        from: { component: `c${i % 1000}` },
        to: { component: `c${(i + 1) % 1000}` },
        ports: [{ port: 'http' }, { port: 9000, endPort: 9010, protocol: 'UDP' }],
        description: 'bench',
      })),
    };
    expect(quickAcceptsTopologyDocument(document)).toBe(true);
    const selector = { selector: { podSelector: { matchLabels: { app: 'web' } } } };
    expect(quickAcceptsTopologyDocument({ ...document, flows: [{ from: selector, to: { component: 'c0' } }] })).toBe(
      false,
    );
    // The pipe answers for nulls (some fields refuse them by name, others read them as absent).
    expect(quickAcceptsTopologyDocument({ ...document, namespace: null })).toBe(false);
  });
});
