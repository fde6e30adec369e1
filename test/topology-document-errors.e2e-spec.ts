import { stringify } from 'yaml';
import { parseTopologyDocument, TopologyError } from '../src/engine';
import { useTestApp } from './support/app';
import { createApplication, THREE_TIER } from './support/fixtures';

/**
 * The errors a topology document gets, pinned for both readers of it: the API (PUT .../topology) and
 * the CLI (the engine's parseTopologyDocument, which `flowpolicy generate` and `lint` use). A change
 * of a field path or a message shows here; and the same invalid document names the same field in both.
 */
type Item = Record<string, unknown>;
interface Doc {
  components: (Item & { ports: Item[] })[];
  externals: Item[];
  flows: (Item & { ports: Item[] })[];
}
/** THREE_TIER with one change. */
const edit = (change: (d: Doc) => void): Doc => {
  const d = structuredClone(THREE_TIER) as unknown as Doc;
  change(d);
  return d;
};

const CASES: {
  name: string;
  document: Doc;
  field: string;
  api: { status: number; code: string; reason: string };
  cli: string;
}[] = [
  {
    name: 'a port number out of range',
    document: edit((d) => (d.flows[2].ports[0].port = 70000)),
    field: 'flows[2].ports[0].port',
    api: { status: 400, code: 'validation/failed', reason: 'must be an integer from 1 to 65535' },
    cli: 'must be an integer from 1 to 65535',
  },
  {
    name: 'an endPort below its port',
    document: edit((d) => (d.flows[1].ports[0] = { port: 5000, endPort: 4000 })),
    field: 'flows[1].ports[0].endPort',
    api: { status: 400, code: 'validation/failed', reason: 'must be at least port (5000)' },
    cli: 'must be at least port (5000)',
  },
  {
    name: 'an endPort on a named port',
    document: edit((d) => (d.flows[2].ports[0] = { port: 'mysql', endPort: 3307 })),
    field: 'flows[2].ports[0].endPort',
    api: { status: 400, code: 'validation/failed', reason: 'requires a numeric port' },
    cli: 'requires a numeric port',
  },
  {
    name: 'an unknown protocol',
    document: edit((d) => (d.components[1].ports[0].protocol = 'ICMP')),
    field: 'components[1].ports[0].protocol',
    api: { status: 400, code: 'validation/failed', reason: 'must be one of TCP, UDP, SCTP' },
    cli: 'must be one of TCP, UDP, SCTP',
  },
  {
    name: 'a CIDR that is not one',
    document: edit((d) => (d.externals[0].cidr = '10.0.0.0/33')),
    field: 'externals[0].cidr',
    api: { status: 400, code: 'validation/failed', reason: 'must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32' },
    cli: 'must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32',
  },
  {
    name: 'a namespace that is not a DNS label',
    document: edit((d) => (d.components[0].namespace = 'Shop')),
    field: 'components[0].namespace',
    api: {
      status: 400,
      code: 'validation/failed',
      reason:
        "must be a DNS-1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character",
    },
    cli: "must be a DNS-1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character",
  },
  {
    name: 'a flow to a component that does not exist',
    document: edit((d) => (d.flows[1].to = { component: 'nosuch' })),
    field: 'flows[1].to.component',
    api: { status: 422, code: 'topology/invalid', reason: 'no component named "nosuch"' },
    cli: 'no component named "nosuch"',
  },
  {
    name: 'a flow to a port name the destination does not have',
    document: edit((d) => (d.flows[2].ports[0].port = 'postgres')),
    field: 'flows[2].ports[0].port',
    api: { status: 422, code: 'topology/invalid', reason: 'component "db" defines no TCP port named "postgres"' },
    cli: 'component "db" defines no TCP port named "postgres"',
  },
];

describe('topology document errors (API and CLI)', () => {
  const { api } = useTestApp();

  it.each(CASES)('$name: the API names $field', async ({ document, field, api: expected }) => {
    const app = await createApplication(api);
    const response = await api.put(`/v1/applications/${app}/topology`, document);
    expect(response.status).toBe(expected.status);
    expect(response.body.code).toBe(expected.code);
    expect(response.body.details[0]).toMatchObject({ field, reason: expected.reason });
  });

  it.each(CASES)('$name: the CLI names $field', ({ document, field, cli }) => {
    const problems = problemsOf(stringify(document));
    expect(problems[0]).toEqual({ field, message: cli });
  });

  it.each(CASES)('$name: API and CLI name the same field, for the same reason', async ({ document }) => {
    const app = await createApplication(api);
    const response = await api.put(`/v1/applications/${app}/topology`, document);
    const fromApi = (response.body.details as { field: string; reason: string }[]).map((d) => [d.field, d.reason]);
    const fromCli = problemsOf(stringify(document)).map((p) => [p.field, p.message]);
    expect(fromApi).toEqual(fromCli);
  });

  it('a YAML syntax error names its line and column, in the API as in the CLI', async () => {
    const app = await createApplication(api);
    const text = 'components:\n  - name: web\n    labels: { app: web\n';
    const response = await api.put(`/v1/applications/${app}/topology`, text, { contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Request body is not valid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 4, column 1',
    );
    expect(problemsOf(text)).toEqual([
      {
        field: '(document)',
        message:
          'not valid YAML or JSON: Flow map in block collection must be sufficiently indented and end with a } at line 4, column 1',
      },
    ]);
  });
});

function problemsOf(text: string): { field: string; message: string }[] {
  try {
    parseTopologyDocument(text, 'shop');
  } catch (error) {
    if (error instanceof TopologyError) return error.issues.map(({ field, message }) => ({ field, message }));
    throw error;
  }
  throw new Error('the document was accepted');
}
