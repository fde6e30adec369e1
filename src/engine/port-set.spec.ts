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

  it('subtracts per protocol, and fromConns inverts toConns', () => {
    const a = PortSet.range('TCP', 1, 100).union(PortSet.range('UDP', 53, 53));
    const rest = a.subtract(PortSet.range('TCP', 50, 60));
    expect(rest.ranges('TCP')).toEqual([
      [1, 49],
      [61, 100],
    ]);
    expect(rest.has('UDP', 53)).toBe(true);
    expect(PortSet.ALL.subtract(PortSet.ALL)).toBe(PortSet.NONE);
    expect(a.covers(PortSet.range('TCP', 10, 20))).toBe(true);
    expect(a.covers(PortSet.range('TCP', 99, 101))).toBe(false);
    expect(PortSet.fromConns(rest.toConns()).toConns()).toEqual(rest.toConns());
    expect(PortSet.fromConns('All Connections')).toBe(PortSet.ALL);
  });
});
