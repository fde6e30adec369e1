import { PortSet } from './port-set';

describe('PortSet', () => {
  it('merges touching ranges into maximal ones and prints protocols sorted as strings', () => {
    const s = PortSet.range('UDP', 53, 53)
      .union(PortSet.range('TCP', 80, 80))
      .union(PortSet.range('TCP', 81, 90))
      .union(PortSet.range('SCTP', 7, 7));
    expect(s.toConns()).toEqual([
      { protocol: 'SCTP', ports: [[7, 7]] },
      { protocol: 'TCP', ports: [[80, 90]] },
      { protocol: 'UDP', ports: [[53, 53]] },
    ]);
  });

  it('prints the full set as All Connections, and a single full protocol as 1-65535', () => {
    const all = PortSet.protocol('TCP').union(PortSet.protocol('UDP')).union(PortSet.protocol('SCTP'));
    expect(all).toBe(PortSet.ALL);
    expect(all.toConns()).toBe('All Connections');
    expect(PortSet.protocol('TCP').toConns()).toEqual([{ protocol: 'TCP', ports: [[1, 65535]] }]);
  });

  it('intersects per protocol and canonicalises empty results', () => {
    const a = PortSet.range('TCP', 1, 100).union(PortSet.range('TCP', 200, 300));
    const b = PortSet.range('TCP', 50, 250);
    expect(a.intersect(b).ranges('TCP')).toEqual([
      [50, 100],
      [200, 250],
    ]);
    expect(a.intersect(PortSet.range('UDP', 1, 100))).toBe(PortSet.NONE);
    expect(a.has('TCP', 250)).toBe(true);
    expect(a.has('TCP', 150)).toBe(false);
  });
});
