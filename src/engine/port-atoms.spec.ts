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

  it('ORs bitsets by id and ANDs them through bits as PortSet unions and intersections do', () => {
    const words = new Uint32Array(atoms.words * 2);
    atoms.orId(atoms.idOf(web), words, 0);
    atoms.orId(atoms.idOf(dns), words, 0);
    expect(atoms.intern(words, 0)).toBe(atoms.idOf(web.union(dns)));
    atoms.orId(atoms.idOf(dns.union(sctp)), words, atoms.words);
    for (let w = 0; w < atoms.words; w++) words[w]! &= words[atoms.words + w]!;
    expect(atoms.conns(atoms.intern(words, 0))).toEqual(dns.toConns());
    const id = atoms.idOf(sctp);
    const only = new Uint32Array(atoms.words);
    atoms.orId(id, only, 0);
    expect(Array.from(atoms.bits.subarray(id * atoms.words, (id + 1) * atoms.words))).toEqual(Array.from(only));
  });

  it('refuses a set that is not a union of its atoms (a set it was not built from)', () => {
    expect(() => atoms.idOf(PortSet.range('TCP', 8050, 8050))).toThrow(/not a union of atoms/);
  });

  it('interns from words and from locals alike, high bits included (1 to 5 words)', () => {
    for (const ports of [20, 40, 70, 100, 140]) {
      const many = new PortAtoms(Array.from({ length: ports }, (_, k) => PortSet.range('TCP', k + 1, k + 1)));
      const n = many.words;
      // Bitsets inside the atoms, bit 31 of every full word set (a negative number once OR-ed or AND-ed).
      for (let seed = 1; seed <= 40; seed++) {
        const words = new Uint32Array(n);
        for (let k = 0; k < many.size; k++)
          if ((k * 7919 + seed * 104729) % 5 < 2 || k % 32 === 31) words[k >>> 5]! |= 1 << (k & 31);
        const id = many.intern(words, 0);
        expect(many.intern(Uint32Array.from(words), 0)).toBe(id);
        if (n <= 4) {
          const v = [0, 1, 2, 3].map((w) => (w < n ? words[w]! : 0));
          expect(many.internWords(v[0]!, v[1]!, v[2]!, v[3]!)).toBe(id);
          expect(many.internWords(v[0]! | 0, v[1]! | 0, v[2]! | 0, v[3]! | 0)).toBe(id);
        }
      }
    }
  });
});
