import { apiGatewayPolicy, cloudFrontPolicy, elbPolicy, openSearchPolicy } from '../../../cdk/records/tls-policies';

describe('TLS policy tables', () => {
  it.each<[string, string | undefined]>([
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS13-1-3-2021-06', 'TLSv1.3'],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06', 'TLSv1.1'],
    ['ELBSecurityPolicy-TLS13-1-0-PQ-2025-09', 'TLSv1.0'],
    ['ELBSecurityPolicy-TLS-1-2-2017-01', 'TLSv1.2'],
    ['ELBSecurityPolicy-TLS-1-0-2015-04', 'TLSv1.0'],
    ['ELBSecurityPolicy-FS-1-2-2019-08', 'TLSv1.2'],
    ['ELBSecurityPolicy-FS-1-1-2019-08', 'TLSv1.1'],
    ['ELBSecurityPolicy-FS-2018-06', 'TLSv1.0'],
    ['ELBSecurityPolicy-2016-08', 'TLSv1.0'],
    ['ELBSecurityPolicy-2011-08', 'SSLv3'],
    ['elbsecuritypolicy-tls13-1-2-2021-06', undefined],
    ['Custom', undefined],
  ])('ELB %s → %s', (name, version) => {
    expect(elbPolicy(name)?.minimumVersion).toBe(version);
  });

  it('CloudFront: TLSv1.2_2018 keeps legacy ciphers, 2019 and newer do not', () => {
    expect(cloudFrontPolicy('TLSv1.2_2018')).toEqual({ minimumVersion: 'TLSv1.2', legacyCiphers: true });
    expect(cloudFrontPolicy('TLSv1.2_2019')).toEqual({ minimumVersion: 'TLSv1.2' });
    expect(cloudFrontPolicy('TLSv1.3_2025')).toEqual({ minimumVersion: 'TLSv1.3' });
    expect(cloudFrontPolicy('toString')).toBeUndefined();
  });

  it('OpenSearch and API Gateway', () => {
    expect(openSearchPolicy('Policy-Min-TLS-1-0-2019-07')?.minimumVersion).toBe('TLSv1.0');
    expect(openSearchPolicy('Policy-Min-TLS-1-2-PFS-2023-10')?.minimumVersion).toBe('TLSv1.2');
    expect(apiGatewayPolicy('TLS_1_0')?.minimumVersion).toBe('TLSv1.0');
    expect(apiGatewayPolicy('SecurityPolicy_TLS13_1_3_2025_09')?.minimumVersion).toBe('TLSv1.3');
    expect(apiGatewayPolicy('SecurityPolicy_TLS12_PFS_2025_EDGE')?.minimumVersion).toBe('TLSv1.2');
  });
});
