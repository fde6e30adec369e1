import { rangeContains, representativeIp } from './reachability.endpoints';

describe('external addresses', () => {
  it('picks the first host address outside the excepts, IPv4 and IPv6 alike', () => {
    expect(representativeIp({ cidr: '0.0.0.0/0', except: [] })).toBe('0.0.0.1');
    expect(representativeIp({ cidr: '203.0.113.7/32', except: [] })).toBe('203.0.113.7');
    expect(representativeIp({ cidr: '10.0.0.0/8', except: ['10.0.0.0/16'] })).toBe('10.1.0.0');
    expect(representativeIp({ cidr: '2001:db8:1::/48', except: [] })).toBe('2001:db8:1::1');
    expect(representativeIp({ cidr: '2001:db8:1::/48', except: ['2001:db8:1::/64'] })).toBe('2001:db8:1:1::');
    expect(representativeIp({ cidr: '2001:db8::/127', except: ['2001:db8::/127'] })).toBeUndefined();
  });

  it('finds an address in a connectivity range of its own family', () => {
    expect(rangeContains('2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff', '2001:db8:1::1')).toBe(true);
    expect(rangeContains('2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff', '2001:db8:1:ff::1')).toBe(false);
    expect(rangeContains('10.0.0.0-10.255.255.255', '::ffff:10.0.0.1')).toBe(true);
    expect(rangeContains('0.0.0.0-255.255.255.255', '2001:db8::1')).toBe(false);
  });
});
