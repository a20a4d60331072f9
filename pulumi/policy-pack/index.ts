/**
 * The CrossGuard policy pack, for teams on Pulumi Cloud or with `pulumi preview --policy-pack`.
 * Constructing a PolicyPack starts its server: this file is the pack's entry point and is
 * never imported by the library.
 */
import { PolicyPack } from '@pulumi/policy';
import { securityPolicies } from '../policies';

new PolicyPack('compliance-constructs', { policies: securityPolicies({ failAt: 'P1' }) });
