import { PortAtoms } from './port-atoms';
import { PortSet } from './port-set';

describe('PortAtoms', () => {
  const web = PortSet.range('TCP', 80, 80).union(PortSet.range('TCP', 8000, 8099));
  const dns = PortSet.range('UDP', 53, 53).union(PortSet.range('TCP', 53, 53));
  const sctp = PortSet.protocol('SCTP');
  const atoms = new PortAtoms([web, dns, sctp]);

  it('gives back every set it was built from as the same conns, and one id per distinct set', () => {
    for (const set of [web, dns, sctp, PortSet.NONE, PortSet.ALL, web.union(dns)])
      expect(atoms.conns(atoms.idOf(set))).toEqual(set.toConns());
    expect(atoms.idOf(web.union(PortSet.NONE))).toBe(atoms.idOf(web));
    expect(atoms.idOf(PortSet.ALL)).toBe(atoms.ALL);
    expect(atoms.conns(atoms.ALL)).toBe('All Connections');
  });

  it('intersects by id as PortSet does', () => {
    const both = atoms.intersect(atoms.idOf(web.union(dns)), atoms.idOf(dns.union(sctp)));
    expect(atoms.conns(both)).toEqual(dns.toConns());
    expect(atoms.intersect(atoms.idOf(web), atoms.idOf(sctp))).toBe(atoms.NONE);
    expect(atoms.intersect(atoms.ALL, atoms.idOf(web))).toBe(atoms.idOf(web));
  });

  it('refuses a set that is not a union of its atoms (a set it was not built from)', () => {
    expect(() => atoms.idOf(PortSet.range('TCP', 8050, 8050))).toThrow(/not a union of atoms/);
  });
});
