import fc from 'fast-check';
import {
  addressText,
  cidrRange,
  formatRange,
  ipBlockRanges,
  isIpAddress,
  parseAddress,
  parseRange,
  partitionFamily,
  rangeContains,
  rangesContain,
  tryParseAddress,
} from './ip-ranges';

const texts = (ranges: ReturnType<typeof partitionFamily>) => ranges.map(formatRange);

describe('ip-ranges', () => {
  it('tryParseAddress answers what isIpAddress and parseAddress answer, for addresses and near misses', () => {
    const near = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4Extended(),
      fc.constantFrom(
        '::10.1.2.3',
        '::ffff:10.1.2.3',
        '::300.1.2.3',
        '10.0.0.0/8',
        '10.1.2',
        '',
        ' 10.1.2.3',
        '1::2::3',
      ),
      fc.string({ unit: fc.constantFrom('0', '1', 'f', ':', '.', '%', 'g') }),
    );
    fc.assert(
      fc.property(near, (text) => {
        expect(tryParseAddress(text)).toEqual(isIpAddress(text) ? parseAddress(text) : undefined);
      }),
    );
  });

  it('reads IPv4 only as four decimal parts without leading zeros, as Go (and so Kubernetes) does', () => {
    // Go's net.ParseIP, written out: four parts of 0-255, none with a leading zero; the same for the
    // dotted part that ends an IPv6 address. ipaddr.js alone also reads octal, hex and fewer parts.
    const octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
    const dottedQuad = new RegExp(`^${octet}(\\.${octet}){3}$`);
    const goReadsIpv4 = (text: string) => dottedQuad.test(text);
    const text = fc.oneof(
      fc.ipV4(),
      fc.ipV4Extended(),
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '8', 'x', 'a', '.') }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(isIpAddress(t)).toBe(goReadsIpv4(t));
        // "::ffff:0" ends in a hex group; with a dot, the end is a dotted IPv4 part, read by the same rule.
        if (t.includes('.')) expect(isIpAddress(`::ffff:${t}`)).toBe(goReadsIpv4(t));
        expect(tryParseAddress(t) === undefined).toBe(!goReadsIpv4(t));
        // What is read is read as written: the canonical text is the text.
        if (goReadsIpv4(t)) expect(addressText(parseAddress(t))).toBe(t);
      }),
    );
    for (const misread of ['010.0.0.1', '0x0a.0.0.1', '167772161', '10.1', '1.2.3.04', '::ffff:010.0.0.1']) {
      expect([misread, isIpAddress(misread), tryParseAddress(misread)]).toEqual([misread, false, undefined]);
    }
  });

  it('refuses an IPv6 zone, which Kubernetes does not read in an address', () => {
    expect(isIpAddress('fe80::1%eth0')).toBe(false);
    expect(tryParseAddress('fe80::1%eth0')).toBeUndefined();
    expect(isIpAddress('fe80::1')).toBe(true);
  });

  it('reads an IPv4-mapped IPv6 address, and a CIDR inside ::ffff:0:0/96, as IPv4', () => {
    expect(parseAddress('::ffff:10.1.2.3')).toEqual(parseAddress('10.1.2.3'));
    expect(formatRange(cidrRange('::ffff:10.0.0.0/104'))).toBe('10.0.0.0-10.255.255.255');
    expect(addressText(parseAddress('2001:DB8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
  });

  it('reads ::a.b.c.d (IPv4-compatible, RFC 4291) as the IPv6 address it is, not as a mapped IPv4 one', () => {
    // ipaddr.js turns "::10.1.2.3" into ::ffff:10.1.2.3; Go (and so Kubernetes) reads ::a01:203.
    expect(parseAddress('::10.1.2.3')).toEqual(parseAddress('::a01:203'));
    expect(parseAddress('::10.1.2.3').family).toBe('ipv6');
    expect(formatRange(cidrRange('::10.0.0.0/104'))).toBe('::a00:0-::aff:ffff');
    expect(rangesContain(ipBlockRanges('10.0.0.0/8', []), parseAddress('::10.1.2.3'))).toBe(false);
  });

  it('masks host bits and subtracts excepts of the same family only', () => {
    expect(formatRange(cidrRange('10.1.2.3/8'))).toBe('10.0.0.0-10.255.255.255');
    expect(ipBlockRanges('2001:db8::/32', ['2001:db8:bad::/48', '10.0.0.0/8']).map(formatRange)).toEqual([
      '2001:db8::-2001:db8:bac:ffff:ffff:ffff:ffff:ffff',
      '2001:db8:bae::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
    expect(ipBlockRanges('::/0', ['::/1', '8000::/1'])).toEqual([]);
    const block = ipBlockRanges('10.0.0.0/8', ['10.1.0.0/16']);
    expect(
      ['10.0.0.1', '10.1.0.1', '::ffff:10.2.0.1', '2001:db8::1'].map((ip) => rangesContain(block, parseAddress(ip))),
    ).toEqual([true, false, true, false]);
  });

  it('partitions one family at the block edges, leaves excluded addresses out, and round-trips the text', () => {
    const cuts = [...ipBlockRanges('2001:db8::/32', []), ...ipBlockRanges('10.0.0.0/8', [])];
    expect(texts(partitionFamily('ipv6', cuts))).toEqual([
      '::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
    const excluded = ['10.0.0.5', '10.0.0.6', '0.0.0.0'].map(parseAddress);
    expect(texts(partitionFamily('ipv4', cuts, excluded))).toEqual([
      '0.0.0.1-9.255.255.255',
      '10.0.0.0-10.0.0.4',
      '10.0.0.7-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    expect(parseRange('2001:db8::-2001:db8::ff')).toEqual({
      family: 'ipv6',
      first: 0x20010db8n << 96n,
      last: (0x20010db8n << 96n) + 255n,
    });
    expect(parseRange('default/web[Pod]')).toBeUndefined();
  });

  it('finds an address in a connectivity range of its own family', () => {
    expect(rangeContains('2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff', '2001:db8:1::1')).toBe(true);
    expect(rangeContains('2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff', '2001:db8:1:ff::1')).toBe(false);
    expect(rangeContains('10.0.0.0-10.255.255.255', '::ffff:10.0.0.1')).toBe(true);
    expect(rangeContains('0.0.0.0-255.255.255.255', '2001:db8::1')).toBe(false);
    expect(rangeContains('ns/web', '10.0.0.1')).toBe(false);
  });
});
