import {
  EndpointError,
  assertPeerName,
  looksLikeIp,
  representativeIp,
  resolveEndpoint,
  resolvePort,
  toEngineEndpoint,
} from './endpoints';
import type { Topology } from './topology';

const topology: Topology = {
  name: 'shop',
  components: [
    { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    { name: 'dns', namespace: 'infra', labels: { app: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
  ],
  externals: [
    { name: 'partners', cidr: '10.0.0.0/8', except: ['10.0.0.0/16'] },
    { name: 'nowhere', cidr: '2001:db8::/127', except: ['2001:db8::/127'] },
  ],
  flows: [],
};

function failure(work: () => unknown): EndpointError {
  try {
    work();
  } catch (error) {
    if (error instanceof EndpointError) return error;
    throw error;
  }
  throw new Error('expected an EndpointError');
}

describe('endpoints', () => {
  it('picks the first host address outside the excepts, IPv4 and IPv6 alike', () => {
    expect(representativeIp({ cidr: '0.0.0.0/0', except: [] })).toBe('0.0.0.1');
    expect(representativeIp({ cidr: '203.0.113.7/32', except: [] })).toBe('203.0.113.7');
    expect(representativeIp({ cidr: '10.0.0.0/8', except: ['10.0.0.0/16'] })).toBe('10.1.0.0');
    expect(representativeIp({ cidr: '2001:db8:1::/48', except: [] })).toBe('2001:db8:1::1');
    expect(representativeIp({ cidr: '2001:db8:1::/48', except: ['2001:db8:1::/64'] })).toBe('2001:db8:1:1::');
    expect(representativeIp({ cidr: '2001:db8::/127', except: ['2001:db8::/127'] })).toBeUndefined();
  });

  it('reads digits and dots, or anything with a colon, as an address', () => {
    expect([looksLikeIp('10.0.0.1'), looksLikeIp('2001:db8::1'), looksLikeIp('10.0'), looksLikeIp('web')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('resolves a component to its workload, an external to its representative address, an address to its canonical text', () => {
    const web = resolveEndpoint(topology, 'web', 'from');
    expect(web).toEqual({ kind: 'component', name: 'web', workload: 'shop/web[Component]' });
    expect(toEngineEndpoint(web)).toEqual({ workload: 'shop/web[Component]' });
    expect(resolveEndpoint(topology, 'partners', 'to')).toEqual({ kind: 'external', name: 'partners', ip: '10.1.0.0' });
    expect(resolveEndpoint(topology, '::ffff:10.0.0.1', 'to')).toEqual({ kind: 'ip', ip: '10.0.0.1' });
    expect(toEngineEndpoint({ kind: 'ip', ip: '10.0.0.1' })).toEqual({ ip: '10.0.0.1' });
  });

  it('names the field and the reason for an unknown name, an external without addresses and a malformed address', () => {
    const unknown = failure(() => resolveEndpoint(topology, 'nosuch', 'to'));
    expect([unknown.problem, unknown.field, unknown.reason]).toEqual([
      'unknown',
      'to',
      'no component or external named "nosuch" in this version of the application',
    ]);
    expect(failure(() => resolveEndpoint(topology, 'nowhere', 'from')).reason).toMatch(/no address outside/);
    const invalid = failure(() => resolveEndpoint(topology, '10.0.0.300', 'from'));
    expect([invalid.problem, invalid.field]).toEqual(['invalid', 'from']);
    for (const misread of ['010.0.0.1', '::ffff:010.0.0.1', 'fe80::1%eth0']) {
      const refused = failure(() => resolveEndpoint(topology, misread, 'to'));
      expect([misread, refused.problem, refused.field]).toEqual([misread, 'invalid', 'to']);
    }
  });

  it('accepts a component or external name as a peer, and nothing else', () => {
    expect(() => assertPeerName(topology, 'web', 'from')).not.toThrow();
    expect(() => assertPeerName(topology, 'partners', 'to')).not.toThrow();
    const error = failure(() => assertPeerName(topology, 'nosuch', 'from'));
    expect([error.problem, error.field]).toEqual(['unknown', 'from']);
  });

  it('resolves a port name on the destination component by name and protocol (Kubernetes rule 12)', () => {
    const web = resolveEndpoint(topology, 'web', 'to');
    expect(resolvePort(topology, web, 'http', 'TCP')).toEqual({ number: 80, name: 'http' });
    expect(resolvePort(topology, web, 8080, 'TCP')).toEqual({ number: 8080, name: null });
    const wrongProtocol = failure(() => resolvePort(topology, web, 'http', 'UDP'));
    expect([wrongProtocol.problem, wrongProtocol.field, wrongProtocol.reason]).toEqual([
      'unknown-port',
      'port',
      'component "web" has no UDP port named "http"',
    ]);
    const external = resolveEndpoint(topology, 'partners', 'to');
    expect(failure(() => resolvePort(topology, external, 'http', 'TCP')).reason).toBe(
      'a port name needs a component as destination; external "partners" has no named ports',
    );
  });
});
