/**
 * CloudFormation endpoints -> transport facts: load balancer listeners (with the rules attached
 * to them), target groups (with the listeners that forward to them), classic load balancers,
 * CloudFront distributions and API Gateway custom domains (TLS-1..TLS-3), and the data
 * services that must refuse plain-text clients (TLS-4, in `transport-services.ts`).
 */
import type { BackendHopFact, ListenerFact, TlsPolicyFact, TlsVersion, TransportFactKind } from '../../constructs/facts/transport';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { allOf, Judged, textsAt, valuesAt, worstOf } from './flags';
import { describeValue, isObject, possibleValues, readBoolean, readNumber, readString } from './read';
import {
  API_GATEWAY_DEFAULT_POLICY,
  apiGatewayPolicy,
  CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY,
  CLOUDFRONT_DEFAULT_POLICY,
  cloudFrontPolicy,
  ELB_DEFAULT_POLICY,
  elbPolicy,
  TlsPolicyInfo,
} from './tls-policies';
import { SERVICE_TRANSPORT_BINDINGS, serviceTransportFacts } from './transport-services';
import { Reference, Value, ValueObject } from './values';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';
const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const VPC_ORIGIN = 'AWS::CloudFront::VpcOrigin';
const APIGW_DOMAIN = 'AWS::ApiGateway::DomainName';
const APIGW_DOMAIN_V2 = 'AWS::ApiGateway::DomainNameV2';
const APIGW2_DOMAIN = 'AWS::ApiGatewayV2::DomainName';

/** The resource types this area reads, and what it judges them for. */
export const TRANSPORT_BINDINGS: Readonly<Record<string, readonly ('TLS-1' | 'TLS-2' | 'TLS-3' | 'TLS-4')[]>> = {
  [LISTENER]: ['TLS-1', 'TLS-2'],
  [LISTENER_RULE]: ['TLS-1'],
  [TARGET_GROUP]: ['TLS-3'],
  [CLB]: ['TLS-1', 'TLS-2', 'TLS-3'],
  [DISTRIBUTION]: ['TLS-1', 'TLS-2', 'TLS-3'],
  [APIGW_DOMAIN]: ['TLS-2'],
  [APIGW_DOMAIN_V2]: ['TLS-2'],
  [APIGW2_DOMAIN]: ['TLS-2'],
  ...SERVICE_TRANSPORT_BINDINGS,
};

/**
 * Every transport fact of a template.
 *
 * @example
 * transportFacts(new TemplateContext(template)).filter((f) => f.kind === 'listener')
 */
export function transportFacts(ctx: TemplateContext): TransportFactKind[] {
  return [
    ...listenerFacts(ctx),
    ...targetGroupFacts(ctx),
    ...classicFacts(ctx),
    ...distributionFacts(ctx),
    ...apiDomainFacts(ctx),
    ...serviceTransportFacts(ctx),
  ];
}

const TLS_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'TLS', 'QUIC', 'SSL']);
const ELB_POLICY_FIX = 'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy of the TLS13-1-2, TLS-1-2 or FS-1-2 families).';

function policyFact(
  ctx: TemplateContext,
  id: string,
  where: string | undefined,
  info: TlsPolicyInfo | Unknown,
  why: string,
  fix: string,
): TlsPolicyFact {
  return {
    kind: 'tls-policy',
    subject: ctx.ref(id),
    label: ctx.label(id),
    ...(where !== undefined ? { where } : {}),
    minimumVersion: isUnknown(info) ? info : info.minimumVersion,
    legacyCiphers: isUnknown(info) ? false : info.legacyCiphers === true,
    why,
    fix,
  };
}

/** A named policy through a table; an unknown name is unknown, never a pass. */
function namedPolicy(name: string | Unknown, lookup: (n: string) => TlsPolicyInfo | undefined): TlsPolicyInfo | Unknown {
  if (isUnknown(name)) return name;
  return lookup(name) ?? new Unknown(`'${name}', a policy not in this library's table (cdk/records/tls-policies.ts)`);
}

// ---------------------------------------------------------------- ALB / NLB listeners

function listenerFacts(ctx: TemplateContext): Array<ListenerFact | TlsPolicyFact> {
  const out: Array<ListenerFact | TlsPolicyFact> = [];
  for (const id of ctx.ofType(LISTENER)) {
    const props = ctx.properties(id);
    if (isGatewayListener(ctx, props)) continue;
    for (const protocol of textsAt(props, ['Protocol'])) {
      const listener = (transport: Maybe<'tls' | 'redirect' | 'plaintext'>, why: string, fix?: string): void => {
        out.push({ kind: 'listener', subject: ctx.ref(id), label: ctx.label(id), transport, why, ...(fix ? { fix } : {}) });
      };
      if (protocol === undefined || isUnknown(protocol)) {
        const why = protocol === undefined ? 'Protocol is not set' : `Protocol is ${protocol.reason}`;
        listener(new Unknown(why), why);
        continue;
      }
      if (TLS_PROTOCOLS.has(protocol)) {
        listener('tls', `Protocol is ${protocol}`);
        // QUIC carries TLS 1.3 by design and takes no SslPolicy.
        if (protocol !== 'QUIC') out.push(...elbPolicyFacts(ctx, id, props));
        continue;
      }
      if (protocol === 'HTTP') {
        const r = redirectsOnly(ctx, id, props);
        listener(r.value === true ? 'redirect' : r.value === false ? 'plaintext' : r.value, `Protocol is HTTP and ${r.why}`,
          'Listen on HTTPS, or make every default action and rule of this HTTP listener a redirect with RedirectConfig.Protocol: HTTPS.');
        continue;
      }
      listener('plaintext', `Protocol is ${protocol}, so the balancer passes traffic on without TLS`,
        'Use a TLS listener (Protocol: TLS with a certificate), or grant an exception where the targets terminate TLS themselves.');
    }
  }
  return out;
}

/** Gateway Load Balancer listeners carry GENEVE-encapsulated packets to appliances: not a client endpoint. */
function isGatewayListener(ctx: TemplateContext, props: ValueObject): boolean {
  const lb = props.LoadBalancerArn;
  if (!(lb instanceof Reference) || lb.resourceType !== LB) return false;
  return textsAt(ctx.properties(lb.logicalId), ['Type']).every((t) => t === 'gateway');
}

function elbPolicyFacts(ctx: TemplateContext, id: string, props: ValueObject): TlsPolicyFact[] {
  return textsAt(props, ['SslPolicy']).map((name) => {
    if (name === undefined) {
      return policyFact(ctx, id, undefined, namedPolicy(ELB_DEFAULT_POLICY, elbPolicy), `SslPolicy is not set, so the listener uses ${ELB_DEFAULT_POLICY}`, ELB_POLICY_FIX);
    }
    return policyFact(ctx, id, undefined, namedPolicy(name, elbPolicy), `SslPolicy is ${isUnknown(name) ? name.reason : name}`, ELB_POLICY_FIX);
  });
}

/** Whether every default action and every rule of an HTTP listener redirects to HTTPS. */
function redirectsOnly(ctx: TemplateContext, id: string, props: ValueObject): Judged<boolean> {
  const judged: Judged<boolean>[] = [actionsRedirect(props.DefaultActions, (i) => `DefaultActions${i}`)];
  for (const r of ctx.referrers(id)) {
    if (r.fromType !== LISTENER_RULE || r.path[0] !== 'ListenerArn') continue;
    judged.push(actionsRedirect(ctx.properties(r.from).Actions, (i) => `Actions${i} of ${ctx.label(r.from)}`));
  }
  const worst = allOf(judged);
  return worst.value === true ? { value: true, why: 'every action redirects to HTTPS' } : worst;
}

function actionsRedirect(actions: Value | undefined, name: (index: string) => string): Judged<boolean> {
  const judged: Judged<boolean>[] = [];
  for (const list of possibleValues(actions)) {
    if (!Array.isArray(list)) {
      const why = `${name('')} is ${describeValue(list)}`;
      judged.push({ value: list instanceof Unknown ? list : new Unknown(why), why });
      continue;
    }
    list.forEach((a: Value, i: number) => {
      for (const action of possibleValues(a)) {
        const at = name(`[${i}]`);
        if (!isObject(action)) {
          judged.push({ value: new Unknown(`${at} is ${describeValue(action)}`), why: `${at} is ${describeValue(action)}` });
          continue;
        }
        for (const type of textsAt(action, ['Type'])) {
          if (isUnknown(type)) {
            judged.push({ value: type, why: `${at}.Type is ${type.reason}` });
          } else if (type !== 'redirect') {
            judged.push({ value: false, why: `${at} is ${type ?? 'an action without Type'} instead of a redirect to HTTPS` });
          } else {
            for (const p of textsAt(action, ['RedirectConfig', 'Protocol'])) {
              if (isUnknown(p)) judged.push({ value: p, why: `${at}.RedirectConfig.Protocol is ${p.reason}` });
              else if (p === 'HTTPS') judged.push({ value: true, why: `${at} redirects to HTTPS` });
              else judged.push({ value: false, why: `${at} redirects to ${p === undefined ? '#{protocol} (the same protocol, HTTP)' : p}, not HTTPS` });
            }
          }
        }
      }
    });
  }
  return allOf(judged);
}

// ---------------------------------------------------------------- target groups (TLS-3)

function targetGroupFacts(ctx: TemplateContext): BackendHopFact[] {
  const out: BackendHopFact[] = [];
  for (const id of ctx.ofType(TARGET_GROUP)) {
    const props = ctx.properties(id);
    const targetTypes = textsAt(props, ['TargetType']);
    // Lambda targets are invoked through the Lambda API; an ALB target is judged by its own listeners.
    if (targetTypes.every((t) => t === 'lambda' || t === 'alb')) continue;
    const from = ctx.referrers(id).filter((r) => r.fromType === LISTENER || r.fromType === LISTENER_RULE).map((r) => ctx.label(r.from));
    const via = from.length > 0 ? ` (traffic from ${[...new Set(from)].join(', ')})` : '';
    const judged = worstOf(textsAt(props, ['Protocol']).map((p): Judged<boolean> => {
      if (isUnknown(p)) return { value: p, why: `Protocol is ${p.reason}` };
      if (p === undefined) return { value: new Unknown('Protocol is not set'), why: 'Protocol is not set' };
      if (p === 'GENEVE' || TLS_PROTOCOLS.has(p)) return { value: true, why: `Protocol is ${p}` };
      return { value: false, why: `Protocol is ${p}${via}` };
    }));
    out.push({
      kind: 'backend-hop',
      subject: ctx.ref(id),
      label: ctx.label(id),
      encrypted: judged.value,
      why: judged.why,
      fix: 'Set Protocol: HTTPS (or TLS) on the target group and serve TLS on the targets.',
    });
  }
  return out;
}

// ---------------------------------------------------------------- classic load balancers

function classicFacts(ctx: TemplateContext): TransportFactKind[] {
  const out: TransportFactKind[] = [];
  for (const id of ctx.ofType(CLB)) {
    const props = ctx.properties(id);
    const subject = ctx.ref(id);
    const label = ctx.label(id);
    for (const list of possibleValues(props.Listeners)) {
      if (!Array.isArray(list)) {
        const why = `Listeners is ${describeValue(list)}`;
        out.push({ kind: 'listener', subject, label, transport: new Unknown(why), why });
        continue;
      }
      list.forEach((item: Value, i: number) => {
        for (const l of possibleValues(item)) {
          if (!isObject(l)) {
            // A listener known only at deploy may listen in plain text, to plain-text instances.
            if (l instanceof Unknown) {
              const why = `Listeners[${i}] is ${l.reason}`;
              out.push({ kind: 'listener', subject, label, where: `Listeners[${i}]`, transport: l, why });
              out.push({ kind: 'backend-hop', subject, label, where: `Listeners[${i}]`, encrypted: l, why });
            }
            continue;
          }
          const port = readNumber(l.LoadBalancerPort);
          const where = `Listeners[${i}]${typeof port === 'number' ? ` (port ${port})` : ''}`;
          const protocol = readString(l.Protocol);
          const tls = typeof protocol === 'string' && TLS_PROTOCOLS.has(protocol.toUpperCase());
          const pWhy = `Protocol is ${isUnknown(protocol) ? protocol.reason : protocol ?? 'not set'}`;
          out.push({
            kind: 'listener', subject, label, where,
            transport: isUnknown(protocol) ? protocol : protocol === undefined ? new Unknown(pWhy) : tls ? 'tls' : 'plaintext',
            why: tls ? pWhy : `${pWhy}, and a classic load balancer cannot redirect to HTTPS`,
            fix: 'Listen on HTTPS or SSL only (or move to an Application Load Balancer, which can redirect HTTP to HTTPS).',
          });
          if (tls) out.push(classicPolicy(ctx, id, where, props, l));
          const instance = readString(l.InstanceProtocol);
          const iWhy = `InstanceProtocol is ${isUnknown(instance) ? instance.reason : instance ?? 'not set'}`;
          out.push({
            kind: 'backend-hop', subject, label, where,
            encrypted: isUnknown(instance) ? instance : instance === undefined ? new Unknown(iWhy) : TLS_PROTOCOLS.has(instance.toUpperCase()),
            why: iWhy,
            fix: 'Set InstanceProtocol: HTTPS (or SSL) and serve TLS on the instances.',
          });
        }
      });
    }
  }
  return out;
}

/** A classic listener's negotiation policy: a predefined reference policy, or protocol attributes. */
function classicPolicy(ctx: TemplateContext, id: string, where: string, props: ValueObject, listener: ValueObject): TlsPolicyFact {
  const fix = 'Attach an SSLNegotiationPolicyType policy with Reference-Security-Policy ELBSecurityPolicy-TLS-1-2-2017-01 to the listener.';
  const names = possibleValues(listener.PolicyNames).flatMap((l) => (Array.isArray(l) ? l.map((n: Value) => readString(n)) : [readString(l)]));
  const policies = possibleValues(props.Policies).flatMap((l) => (Array.isArray(l) ? l : []));
  for (const name of names) {
    if (isUnknown(name)) return policyFact(ctx, id, where, name, `PolicyNames holds ${name.reason}`, fix);
    const policy = policies.find((p: Value) => isObject(p) && p.PolicyName === name && p.PolicyType === 'SSLNegotiationPolicyType');
    if (!isObject(policy)) continue;
    const attrs = Array.isArray(policy.Attributes) ? policy.Attributes.filter(isObject) : [];
    const ref = attrs.find((a) => a.Name === 'Reference-Security-Policy');
    if (ref) {
      const refName = readString(ref.Value) ?? new Unknown('Reference-Security-Policy has no Value');
      return policyFact(ctx, id, where, namedPolicy(refName, elbPolicy), `policy '${name}' references ${isUnknown(refName) ? refName.reason : refName}`, fix);
    }
    const enabled = (attr: string): boolean => attrs.some((a) => a.Name === attr && readBoolean(a.Value) === true);
    const versions: Array<[string, TlsVersion]> = [['Protocol-SSLv3', 'SSLv3'], ['Protocol-TLSv1', 'TLSv1.0'], ['Protocol-TLSv1.1', 'TLSv1.1'], ['Protocol-TLSv1.2', 'TLSv1.2']];
    const lowest = versions.find(([attr]) => enabled(attr));
    const info: TlsPolicyInfo | Unknown = lowest ? { minimumVersion: lowest[1] } : new Unknown(`policy '${name}' enables no protocol`);
    return policyFact(ctx, id, where, info, lowest ? `policy '${name}' enables ${lowest[0]}` : `policy '${name}' enables no protocol attribute`, fix);
  }
  return policyFact(ctx, id, where, namedPolicy(ELB_DEFAULT_POLICY, elbPolicy), `no SSL negotiation policy is attached, so the listener uses ${ELB_DEFAULT_POLICY}`, fix);
}

// ---------------------------------------------------------------- CloudFront

const CLOUDFRONT_POLICY_FIX = 'Use a custom certificate (ViewerCertificate.AcmCertificateArn) with MinimumProtocolVersion TLSv1.2_2021 or newer.';

function distributionFacts(ctx: TemplateContext): TransportFactKind[] {
  const out: TransportFactKind[] = [];
  for (const id of ctx.ofType(DISTRIBUTION)) {
    const subject = ctx.ref(id);
    const label = ctx.label(id);
    for (const config of possibleValues(ctx.properties(id).DistributionConfig)) {
      if (!isObject(config)) {
        const why = `DistributionConfig is ${describeValue(config)}`;
        out.push({ kind: 'listener', subject, label, transport: new Unknown(why), why });
        continue;
      }
      const behaviors = cacheBehaviors(config);
      const viewer = new Map<string, Judged<boolean>[]>();
      for (const b of behaviors) {
        const policy = worstOf(textsAt(b.value, ['ViewerProtocolPolicy']).map((p): Judged<boolean> => {
          if (isUnknown(p)) return { value: p, why: `${b.where}.ViewerProtocolPolicy is ${p.reason}` };
          if (p === undefined) return { value: new Unknown('not set'), why: `${b.where}.ViewerProtocolPolicy is not set` };
          return { value: p !== 'allow-all', why: `${b.where}.ViewerProtocolPolicy is ${p}` };
        }));
        out.push({
          kind: 'listener', subject, label, where: b.where,
          transport: policy.value === true ? 'tls' : policy.value === false ? 'plaintext' : policy.value,
          why: policy.why,
          fix: `Set ${b.where}.ViewerProtocolPolicy to redirect-to-https or https-only.`,
        });
        for (const origin of textsAt(b.value, ['TargetOriginId'])) {
          const key = typeof origin === 'string' ? origin : '\u0000';
          viewer.set(key, [...(viewer.get(key) ?? []), policy]);
        }
      }
      out.push(...viewerCertificate(ctx, id, config));
      out.push(...originFacts(ctx, id, config, viewer));
    }
  }
  return out;
}

function cacheBehaviors(config: ValueObject): Array<{ where: string; value: Value | undefined }> {
  const out: Array<{ where: string; value: Value | undefined }> = [];
  for (const d of possibleValues(config.DefaultCacheBehavior)) out.push({ where: 'DefaultCacheBehavior', value: d });
  for (const list of possibleValues(config.CacheBehaviors)) {
    if (!Array.isArray(list)) {
      // Behaviours known only at deploy may allow plain HTTP: judged as one unknown behaviour.
      if (list instanceof Unknown) out.push({ where: 'CacheBehaviors', value: list });
      continue;
    }
    list.forEach((b: Value, i: number) => {
      for (const option of possibleValues(b)) {
        const path = isObject(option) ? readString(option.PathPattern) : undefined;
        out.push({ where: `CacheBehaviors[${i}]${typeof path === 'string' ? ` (${path})` : ''}`, value: option });
      }
    });
  }
  return out;
}

function viewerCertificate(ctx: TemplateContext, id: string, config: ValueObject): TlsPolicyFact[] {
  const out: TlsPolicyFact[] = [];
  for (const cert of possibleValues(config.ViewerCertificate)) {
    const where = 'ViewerCertificate';
    if (cert === undefined) {
      out.push(policyFact(ctx, id, where, namedPolicy(CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY, cloudFrontPolicy), `ViewerCertificate is not set, so the distribution uses the default *.cloudfront.net certificate, with which CloudFront accepts ${CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY}`, CLOUDFRONT_POLICY_FIX));
      continue;
    }
    if (!isObject(cert)) {
      out.push(policyFact(ctx, id, where, cert instanceof Unknown ? cert : new Unknown(describeValue(cert)), `ViewerCertificate is ${describeValue(cert)}`, CLOUDFRONT_POLICY_FIX));
      continue;
    }
    const usesDefault = readBoolean(cert.CloudFrontDefaultCertificate) === true;
    if (usesDefault) {
      out.push(policyFact(ctx, id, where, namedPolicy(CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY, cloudFrontPolicy), `ViewerCertificate.CloudFrontDefaultCertificate is true, and with the default certificate CloudFront accepts ${CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY}`, CLOUDFRONT_POLICY_FIX));
      continue;
    }
    for (const v of textsAt(cert, ['MinimumProtocolVersion'])) {
      const name = v ?? CLOUDFRONT_DEFAULT_POLICY;
      const why = v === undefined ? `ViewerCertificate.MinimumProtocolVersion is not set, so CloudFront uses ${CLOUDFRONT_DEFAULT_POLICY}` : `ViewerCertificate.MinimumProtocolVersion is ${isUnknown(v) ? v.reason : v}`;
      out.push(policyFact(ctx, id, where, namedPolicy(name, cloudFrontPolicy), why, CLOUDFRONT_POLICY_FIX));
    }
  }
  return out;
}

/**
 * The hop from CloudFront to each origin: custom origins by their protocol policy; S3 origins
 * and `match-viewer` origins use the viewer's protocol, so they are encrypted when every
 * behaviour that reaches them refuses plain HTTP.
 */
function originFacts(ctx: TemplateContext, id: string, config: ValueObject, viewer: ReadonlyMap<string, Judged<boolean>[]>): BackendHopFact[] {
  const out: BackendHopFact[] = [];
  const all = [...viewer.values()].flat();
  const unknownOrigin = (where: string, u: Unknown): BackendHopFact => ({
    kind: 'backend-hop', subject: ctx.ref(id), label: ctx.label(id), where, encrypted: u, why: `${where} is ${u.reason}`,
  });
  for (const list of possibleValues(config.Origins)) {
    if (!Array.isArray(list)) {
      // Origins known only at deploy may be reached over plain HTTP.
      if (list instanceof Unknown) out.push(unknownOrigin('Origins', list));
      continue;
    }
    list.forEach((o: Value, i: number) => {
      for (const origin of possibleValues(o)) {
        if (!isObject(origin)) {
          if (origin instanceof Unknown) out.push(unknownOrigin(`Origins[${i}]`, origin));
          continue;
        }
        const originId = readString(origin.Id);
        const where = `Origins[${i}]${typeof originId === 'string' ? ` (${originId})` : ''}`;
        const behaviours = (typeof originId === 'string' && viewer.get(originId)) || all;
        const viewerSecure = allOf(behaviours.length > 0 ? behaviours : [{ value: new Unknown('no behaviour'), why: 'no cache behaviour reaches it' }]);
        const followViewer = (what: string): Judged<boolean> =>
          viewerSecure.value === true
            ? { value: true, why: `${what}, and every behaviour reaching it refuses plain HTTP` }
            : { value: viewerSecure.value, why: `${what}, so it uses the viewer's protocol, and ${viewerSecure.why}` };
        let judged: Judged<boolean>;
        if (origin.CustomOriginConfig !== undefined) {
          judged = worstOf(textsAt(origin, ['CustomOriginConfig', 'OriginProtocolPolicy']).map((p): Judged<boolean> => {
            const at = `${where}.CustomOriginConfig.OriginProtocolPolicy`;
            if (isUnknown(p)) return { value: p, why: `${at} is ${p.reason}` };
            if (p === 'https-only') return { value: true, why: `${at} is https-only` };
            if (p === 'match-viewer') return followViewer(`${at} is match-viewer`);
            return { value: false, why: `${at} is ${p ?? 'not set'}` };
          }));
        } else if (origin.VpcOriginConfig !== undefined) {
          judged = vpcOrigin(ctx, where, origin.VpcOriginConfig, followViewer);
        } else {
          judged = followViewer(`${where} is an S3 origin`);
        }
        out.push({
          kind: 'backend-hop', subject: ctx.ref(id), label: ctx.label(id), where,
          encrypted: judged.value, why: judged.why,
          fix: 'Set the origin\'s OriginProtocolPolicy to https-only (or redirect every behaviour reaching it to HTTPS).',
        });
      }
    });
  }
  return out;
}

function vpcOrigin(ctx: TemplateContext, where: string, config: Value, followViewer: (what: string) => Judged<boolean>): Judged<boolean> {
  return worstOf(valuesAt(config, ['VpcOriginId']).map((v): Judged<boolean> => {
    if (v instanceof Reference && v.resourceType === VPC_ORIGIN) {
      return worstOf(textsAt(ctx.properties(v.logicalId), ['VpcOriginEndpointConfig', 'OriginProtocolPolicy']).map((p): Judged<boolean> => {
        const at = `the OriginProtocolPolicy of ${ctx.label(v.logicalId)}`;
        if (isUnknown(p)) return { value: p, why: `${at} is ${p.reason}` };
        if (p === 'https-only') return { value: true, why: `${at} is https-only` };
        if (p === 'match-viewer') return followViewer(`${at} is match-viewer`);
        return { value: false, why: `${at} is ${p ?? 'not set'}` };
      }));
    }
    const why = `${where}.VpcOriginConfig.VpcOriginId is ${describeValue(v)}, a VPC origin not in this template`;
    return { value: new Unknown(why), why };
  }));
}

// ---------------------------------------------------------------- API Gateway custom domains

const API_POLICY_FIX = 'Set SecurityPolicy to TLS_1_2 (or a SecurityPolicy_TLS13_1_2 / TLS13_1_3 policy).';

function apiDomainFacts(ctx: TemplateContext): TlsPolicyFact[] {
  const out: TlsPolicyFact[] = [];
  const judge = (id: string, where: string | undefined, v: string | Unknown | undefined, at: string): void => {
    const name = v ?? API_GATEWAY_DEFAULT_POLICY;
    const why = v === undefined ? `${at} is not set, so API Gateway uses ${API_GATEWAY_DEFAULT_POLICY}` : `${at} is ${isUnknown(v) ? v.reason : v}`;
    out.push(policyFact(ctx, id, where, namedPolicy(name, apiGatewayPolicy), why, API_POLICY_FIX));
  };
  for (const id of [...ctx.ofType(APIGW_DOMAIN), ...ctx.ofType(APIGW_DOMAIN_V2)]) {
    for (const v of textsAt(ctx.properties(id), ['SecurityPolicy'])) judge(id, undefined, v, 'SecurityPolicy');
  }
  for (const id of ctx.ofType(APIGW2_DOMAIN)) {
    for (const list of possibleValues(ctx.properties(id).DomainNameConfigurations)) {
      if (!Array.isArray(list)) {
        judge(id, undefined, list === undefined ? undefined : list instanceof Unknown ? list : new Unknown(describeValue(list)), 'DomainNameConfigurations');
        continue;
      }
      list.forEach((c: Value, i: number) => {
        for (const v of textsAt(c, ['SecurityPolicy'])) judge(id, `DomainNameConfigurations[${i}]`, v, `DomainNameConfigurations[${i}].SecurityPolicy`);
      });
    }
  }
  return out;
}
