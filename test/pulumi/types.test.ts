import * as gcp from '@pulumi/gcp';
import { GCP } from '../../pulumi/records/types';

describe('type tokens', () => {
  it.each<[keyof typeof GCP, { __pulumiType: string }]>([
    ['firewall', gcp.compute.Firewall as unknown as { __pulumiType: string }],
    ['network', gcp.compute.Network as unknown as { __pulumiType: string }],
    ['subnetwork', gcp.compute.Subnetwork as unknown as { __pulumiType: string }],
    ['forwardingRule', gcp.compute.ForwardingRule as unknown as { __pulumiType: string }],
    ['globalForwardingRule', gcp.compute.GlobalForwardingRule as unknown as { __pulumiType: string }],
    ['sqlDatabaseInstance', gcp.sql.DatabaseInstance as unknown as { __pulumiType: string }],
  ])('%s matches the class', (key, cls) => {
    expect(GCP[key]).toBe(cls.__pulumiType);
  });

  it('every token of the table is tested above', () => {
    expect(Object.keys(GCP)).toHaveLength(6);
  });
});
