/**
 * The text of what runs on a host, read from a template: user data (decoded from base64, gzip
 * and MIME multipart), the `AWS::CloudFormation::Init` metadata that user data applies through
 * `cfn-init`, and the commands of SSM documents. What the template cannot say is kept as the
 * unknown it is, so a reader can tell "no such command" from "could be anywhere in here".
 */
import { gunzipSync } from 'zlib';
import { Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { alternatives } from './resolver';
import { isRecord } from './template';
import { Choice, NO_VALUE, PartialString, PseudoParameter, Reference, Value } from './values';

/** The text of a script as far as the template says. */
export interface ScriptText {
  readonly text: string;
  /** Parts that are not known and may carry commands (a parameter, an import); empty when the text is whole. */
  readonly unknowns: readonly Unknown[];
  /** Why the whole script cannot be read (`is not base64, so EC2 would refuse it`), when it cannot. */
  readonly unreadable?: string;
}

/**
 * The user data a resource passes, one text per `Fn::If` branch; `[]` when there is none.
 * `Fn::Base64` of text is read as that text; any other value is base64 (then gzip, then MIME
 * multipart) decoded, as EC2 would. `cfn-init --resource X` in the text adds X's
 * `AWS::CloudFormation::Init` metadata as commands.
 *
 * @example
 * userDataScripts(ctx, { 'Fn::Base64': '#!/bin/bash\napt-get install -y clamav' })
 * // [{ text: '#!/bin/bash\napt-get install -y clamav', unknowns: [] }]
 */
export function userDataScripts(ctx: TemplateContext, raw: unknown): ScriptText[] {
  return decodeUserData(ctx, raw, 0).map((script) => withCfnInit(ctx, script));
}

function decodeUserData(ctx: TemplateContext, raw: unknown, depth: number): ScriptText[] {
  if (raw === undefined || raw === null || depth > 20) return [];
  if (isRecord(raw)) {
    const keys = Object.keys(raw);
    if (keys.length === 1 && keys[0] === 'Fn::Base64') {
      return alternatives(ctx.resolver.resolve(raw['Fn::Base64'])).flatMap((v) => (v === NO_VALUE ? [] : [expandMime(textOf(v))]));
    }
    if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(raw['Fn::If']) && raw['Fn::If'].length === 3) {
      const [, yes, no] = raw['Fn::If'] as unknown[];
      return [...decodeUserData(ctx, yes, depth + 1), ...decodeUserData(ctx, no, depth + 1)];
    }
    if (keys.length === 1 && keys[0] === 'Ref' && raw.Ref === 'AWS::NoValue') return [];
  }
  // Anything else is the base64 text EC2 receives.
  return alternatives(ctx.resolver.resolve(raw)).flatMap((v): ScriptText[] => {
    if (v === NO_VALUE) return [];
    if (typeof v === 'string') return [expandMime(decodeBase64(v))];
    return [{ text: '', unknowns: [], unreadable: `is ${v instanceof Unknown ? v.reason : 'a value that is not text'}` }];
  });
}

/** Base64 text as EC2 decodes it; gzip-compressed content (which cloud-init accepts) is inflated. */
function decodeBase64(encoded: string): ScriptText {
  const compact = encoded.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    return { text: '', unknowns: [], unreadable: 'is not base64, so EC2 would refuse it' };
  }
  let bytes = Buffer.from(compact, 'base64');
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return { text: '', unknowns: [], unreadable: 'is gzip data that does not inflate' };
    }
  }
  return { text: bytes.toString('utf8'), unknowns: [] };
}

/** MIME multipart user data: parts sent as base64 are decoded and added to the text. */
function expandMime(script: ScriptText): ScriptText {
  if (!/content-type:\s*multipart\//i.test(script.text)) return script;
  const decoded: string[] = [];
  for (const part of script.text.split(/\n--[^\n]*\n/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-transfer-encoding:\s*base64/i.test(headers)) continue;
    const body = decodeBase64(part.slice(split).trim().split(/\n--/)[0]);
    decoded.push(body.text);
  }
  return decoded.length === 0 ? script : { ...script, text: [script.text, ...decoded].join('\n') };
}

/**
 * Text of a resolved value: strings as they are, lists and objects as their strings one per
 * line. Parts that are identifiers (a resource's id, the region) are kept as `X`: they cannot
 * be commands. Other unknown parts are listed.
 *
 * @example
 * textOf(['yum install -y clamav', 'freshclam']) // { text: 'yum install -y clamav\nfreshclam', unknowns: [] }
 */
export function textOf(v: Value | undefined): ScriptText {
  const lines: string[] = [];
  const unknowns: Unknown[] = [];
  const walk = (x: Value | undefined, depth: number): void => {
    if (x === undefined || x === NO_VALUE || x === null || depth > 50) return;
    if (typeof x === 'string') lines.push(x);
    else if (typeof x === 'number' || typeof x === 'boolean') lines.push(String(x));
    else if (x instanceof PartialString) {
      lines.push(x.parts.map((p) => (typeof p === 'string' ? p : isInert(p) ? 'X' : (unknowns.push(p), 'X'))).join(''));
    } else if (x instanceof Unknown) {
      if (!isInert(x)) unknowns.push(x);
    } else if (x instanceof Choice) {
      // A branch inside a list or an object: either may be deployed, so neither can be relied on.
      unknowns.push(new Unknown('a Fn::If inside the script'));
    } else if (Array.isArray(x)) for (const item of x) walk(item, depth + 1);
    else for (const item of Object.values(x)) walk(item, depth + 1);
  };
  walk(v, 0);
  return { text: lines.join('\n'), unknowns };
}

/** Identifiers that cannot carry a command: a resource's id or attribute, a pseudo parameter. */
function isInert(u: Unknown): boolean {
  return u instanceof Reference || u instanceof PseudoParameter;
}

/**
 * When the script runs `cfn-init --resource X`, X's `AWS::CloudFormation::Init` metadata is
 * applied: its packages, files, commands and services are added as commands.
 */
function withCfnInit(ctx: TemplateContext, script: ScriptText): ScriptText {
  const resources = new Set<string>();
  for (const m of script.text.matchAll(/\bcfn-init\b[^\n]*?(?:--resource[= ]|-r\s+)['"]?([A-Za-z0-9]+)/g)) resources.add(m[1]);
  if (resources.size === 0) return script;
  const lines = [script.text];
  const unknowns = [...script.unknowns];
  for (const id of resources) {
    const metadata = ctx.resource(id)?.Metadata?.['AWS::CloudFormation::Init'];
    if (metadata === undefined) continue;
    const rendered = renderCfnInit(ctx.resolver.resolve(metadata));
    lines.push(rendered.text);
    unknowns.push(...rendered.unknowns);
  }
  return { ...script, text: lines.join('\n'), unknowns };
}

const INSTALLERS: Readonly<Record<string, string>> = { apt: 'apt-get install -y', yum: 'yum install -y', rpm: 'rpm install', python: 'pip install', rubygems: 'gem install', msi: 'msiexec install' };

/** cfn-init metadata as the commands it amounts to (every config, whichever config set runs). */
function renderCfnInit(init: Value): ScriptText {
  if (!isPlain(init)) return { text: '', unknowns: [new Unknown('AWS::CloudFormation::Init metadata that is not literal')] };
  const lines: string[] = [];
  const unknowns: Unknown[] = [];
  const add = (s: ScriptText): void => {
    lines.push(s.text);
    unknowns.push(...s.unknowns);
  };
  for (const [name, config] of Object.entries(init)) {
    if (name === 'configSets' || !isPlain(config)) continue;
    if (isPlain(config.packages)) {
      for (const [manager, packages] of Object.entries(config.packages)) {
        if (!isPlain(packages)) continue;
        for (const pkg of Object.keys(packages)) lines.push(`${INSTALLERS[manager] ?? 'package install'} ${pkg}`);
      }
    }
    if (isPlain(config.files)) {
      for (const file of Object.values(config.files)) if (isPlain(file)) add(textOf(file.content));
    }
    if (isPlain(config.commands)) {
      for (const command of Object.values(config.commands)) {
        if (!isPlain(command)) continue;
        const c = command.command;
        add(Array.isArray(c) ? { text: textOf(c).text.replace(/\n/g, ' '), unknowns: textOf(c).unknowns } : textOf(c));
      }
    }
    if (isPlain(config.services)) {
      for (const manager of Object.values(config.services)) {
        if (!isPlain(manager)) continue;
        for (const [service, settings] of Object.entries(manager)) {
          if (!isPlain(settings)) continue;
          const on = [settings.enabled, settings.ensureRunning].some((v) => v === true || v === 'true');
          const off = [settings.enabled, settings.ensureRunning].some((v) => v === false || v === 'false');
          if (on) lines.push(`systemctl enable ${service}`);
          else if (off) lines.push(`systemctl disable ${service}`);
        }
      }
    }
  }
  return { text: lines.join('\n'), unknowns };
}

function isPlain(v: Value | undefined): v is { readonly [key: string]: Value } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Choice);
}
