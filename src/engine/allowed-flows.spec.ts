import { allowedFlows, allowedPeerName, externalContains } from './allowed-flows';
import { compileSnapshot } from './compile';
import { connectivityTable } from './connectivity';
import { snapshotFromTopology } from './from-topology';
import { generateNetworkPolicies } from './generate';
import type { Component, Topology } from './topology';

const component = (name: string, port: number): Component => ({
  name,
  namespace: 'shop',
  labels: { app: name },
  ports: [{ name: 'main', port, protocol: 'TCP' }],
});

function flowsOf(topology: Topology) {
  const compiled = compileSnapshot(
    snapshotFromTopology(topology, { policies: generateNetworkPolicies(topology, { ownedNamespaces: ['shop'] }) }),
  );
  return allowedFlows(compiled, connectivityTable(compiled), topology).map(
    (f) => `${allowedPeerName(f.from)} -> ${allowedPeerName(f.to)} ${JSON.stringify(f.conns)}`,
  );
}

describe('allowedFlows', () => {
  it('names the ends as the topology does, components and externals, with their ports', () => {
    const topology: Topology = {
      name: 'shop',
      components: [component('web', 80), component('api', 5000), component('db', 3306)],
      externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: [] }],
      flows: [
        { from: { external: 'internet' }, to: { component: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
        { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 'main', protocol: 'TCP' }] },
        { from: { component: 'api' }, to: { component: 'db' }, ports: [{ port: 3306, protocol: 'TCP' }] },
      ],
    };
    const tcp = (port: number) => JSON.stringify([{ protocol: 'TCP', ports: [[port, port]] }]);
    expect(flowsOf(topology).sort()).toEqual(
      [`api -> db ${tcp(3306)}`, `internet -> web ${tcp(80)}`, `web -> api ${tcp(5000)}`].sort(),
    );
  });

  it('allows an external a port only when every range inside it is allowed that port', () => {
    const topology: Topology = {
      name: 'shop',
      components: [component('web', 80)],
      externals: [
        { name: 'corporate', cidr: '10.0.0.0/8', except: [] },
        { name: 'office', cidr: '10.1.0.0/16', except: [] },
      ],
      flows: [{ from: { external: 'office' }, to: { component: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    const flows = flowsOf(topology);
    expect(flows.some((f) => f.startsWith('office -> web'))).toBe(true);
    // Only 10.1.0.0/16 of corporate may reach web: claiming port 80 for all of 10.0.0.0/8 would be wrong.
    expect(flows.some((f) => f.startsWith('corporate -> web'))).toBe(false);
  });
});

describe('externalContains', () => {
  it('takes a connectivity range as inside when it lies in the CIDR and outside every except', () => {
    const external = { cidr: '10.0.0.0/8', except: ['10.0.0.0/16'] };
    expect(externalContains(external, '10.1.0.0-10.1.255.255')).toBe(true);
    expect(externalContains(external, '10.0.0.0-10.0.255.255')).toBe(false);
    expect(externalContains(external, '11.0.0.0-11.255.255.255')).toBe(false);
    expect(externalContains({ cidr: '2001:db8::/32', except: [] }, '2001:db8::-2001:db8:ffff::')).toBe(true);
    expect(externalContains(external, 'shop/web')).toBe(false);
  });
});
