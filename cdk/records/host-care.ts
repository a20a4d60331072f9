/**
 * HOST-1 and HOST-3 over an app: for every instance and auto scaling group, what patches it
 * and what runs ClamAV on it. Two kinds of evidence, joined across stacks:
 *
 * - SSM associations and maintenance window tasks whose targets select the host (by instance
 *   id, by tag, or every managed instance), running `AWS-RunPatchBaseline` with Operation
 *   Install on a schedule, or commands (`AWS-RunShellScript`, a document of the app) that
 *   enable unattended upgrades or install ClamAV and freshclam;
 * - the host's user data, decoded, with the cfn-init metadata it applies.
 */
import type { HostCareFact, Safeguard } from '../../constructs/facts/host';
import { readHostScript, ScriptReading, ScriptSafeguard } from '../../constructs/host/scripts';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { AppContext, AppResource } from './app-context';
import type { TemplateContext } from './context';
import { ScriptText, textOf, userDataScripts } from './host-scripts';
import { ASG, describeTarget, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, launchSources } from './launch';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import { isRecord } from './template';
import type { Value } from './values';

const ASSOCIATION = 'AWS::SSM::Association';
const WINDOW_TASK = 'AWS::SSM::MaintenanceWindowTask';
const WINDOW_TARGET = 'AWS::SSM::MaintenanceWindowTarget';
const DOCUMENT = 'AWS::SSM::Document';

const PATCH_DOCUMENTS: ReadonlySet<string> = new Set(['AWS-RunPatchBaseline', 'AWS-RunPatchBaselineAssociation', 'AWS-RunPatchBaselineWithHooks']);
const SHELL_DOCUMENTS: ReadonlySet<string> = new Set(['AWS-RunShellScript']);
/** AWS documents that run scripts or playbooks stored outside the template. */
const REMOTE_DOCUMENTS: ReadonlySet<string> = new Set(['AWS-RunRemoteScript', 'AWS-ApplyAnsiblePlaybooks', 'AWS-ApplyChefRecipes', 'AWS-RunSaltState', 'AWS-ApplyDSCMofs', 'AWS-RunDocument']);

type Safeguards = 'updates' | 'antivirus';

/** What a job does for one safeguard on the hosts it targets. */
interface Effect {
  readonly provides: Maybe<boolean>;
  /** How (when it provides), or the near miss. */
  readonly note?: string;
}

/** One condition of a target: a key (`InstanceIds`, `tag:Patch`, `tag-key`) and its values, read in the job's template. */
interface Selector {
  readonly ctx: TemplateContext;
  readonly key: Maybe<string>;
  readonly values: readonly Value[];
}

/** An association or maintenance window task: the hosts it selects (any of the lists, all selectors of one) and what it does. */
interface Job {
  readonly label: string;
  readonly targets: ReadonlyArray<readonly Selector[]> | Unknown;
  readonly effects: Readonly<Record<Safeguards, Effect>>;
}

/**
 * The HOST-1/HOST-3 facts of an app: one per instance and auto scaling group.
 *
 * @example
 * hostCareFacts(new AppContext([ctx])).map((f) => f.updates.provided)
 */
export function hostCareFacts(app: AppContext): HostCareFact[] {
  const jobs = indexJobs(app, [...associationJobs(app), ...windowJobs(app)]);
  return [...app.ofType(INSTANCE), ...app.ofType(ASG)].map((host) => {
    const tags = hostTags(app, host);
    const scripts = hostScripts(app, host);
    const readings = isUnknown(scripts) ? scripts : scripts.map((s) => ({ script: s, reading: readHostScript(s.text) }));
    const matches = jobsFor(app, jobs, host).map((job) => ({ job, match: matchJob(app, job, host, tags) }));
    return {
      kind: 'host-care',
      subject: host.ctx.ref(host.logicalId),
      label: host.ctx.label(host.logicalId),
      updates: judge('updates', matches, readings, 'no SSM association or maintenance window task runs AWS-RunPatchBaseline with Operation Install on it on a schedule, and its user data does not enable unattended-upgrades, dnf-automatic or yum-cron'),
      antivirus: judge('antivirus', matches, readings, 'neither its user data nor an SSM association or maintenance window task targeting it installs ClamAV and runs freshclam'),
    };
  });
}

function judge(
  which: Safeguards,
  matches: ReadonlyArray<{ job: Job; match: Maybe<boolean> }>,
  readings: Unknown | ReadonlyArray<{ script: ScriptText; reading: ScriptReading }>,
  missing: string,
): Safeguard {
  const notes: string[] = [];
  const unknowns: string[] = [];
  for (const { job, match } of matches) {
    const effect = job.effects[which];
    if (match === false) continue;
    if (effect.provides === true && match === true) return { provided: true, why: `${job.label} ${effect.note ?? 'provides it'}` };
    if (effect.provides === true && isUnknown(match)) unknowns.push(`${job.label} ${effect.note ?? 'provides it'} on the hosts it selects, and ${match.reason}`);
    else if (isUnknown(effect.provides)) unknowns.push(`${job.label} ${effect.provides.reason}`);
    else if (effect.note !== undefined && match === true) notes.push(`${job.label} ${effect.note}`);
  }
  if (isUnknown(readings)) {
    unknowns.push(readings.reason);
  } else if (readings.length > 0) {
    const results = readings.map((r) => ({ ...r, safeguard: r.reading[which] as ScriptSafeguard }));
    if (results.every((r) => r.safeguard.provided)) return { provided: true, why: `its user data ${results[0].safeguard.note ?? 'provides it'}` };
    for (const r of results) {
      if (r.safeguard.provided) continue;
      if (r.script.unreadable !== undefined) unknowns.push(`its user data ${r.script.unreadable}`);
      if (r.script.unknowns.length > 0) unknowns.push(`its user data includes values known only at deploy (${r.script.unknowns.map((u) => u.reason).join('; ')})`);
      if (r.safeguard.note !== undefined) notes.push(`its user data ${r.safeguard.note}`);
    }
    if (results.some((r) => r.safeguard.provided)) notes.push('one Fn::If branch of its user data does, the other does not');
  }
  if (unknowns.length > 0) return { provided: new Unknown([...new Set(unknowns)].join('; ')), why: '' };
  const seen = [...new Set(notes)];
  return { provided: false, why: seen.length > 0 ? `${missing} (${seen.join('; ')})` : `${missing}${isUnknown(readings) || readings.length > 0 ? '' : ' (it has no user data)'}` };
}

// ---------------------------------------------------------------- jobs

function associationJobs(app: AppContext): Job[] {
  return app.ofType(ASSOCIATION).map((a) => {
    const p = a.ctx.properties(a.logicalId);
    const label = a.ctx.label(a.logicalId);
    const targets: Selector[][] | Unknown = p.Targets !== undefined ? targetList(a.ctx, p.Targets) : p.InstanceId !== undefined ? [[{ ctx: a.ctx, key: 'InstanceIds', values: possibleValues(p.InstanceId).filter((v): v is Value => v !== undefined) }]] : [];
    const scheduled = p.ScheduleExpression !== undefined;
    return { label, targets, effects: documentEffects(app, a.ctx, p.Name, p.Parameters, scheduled ? undefined : 'has no ScheduleExpression, so it patches only once, when it is created') };
  });
}

function windowJobs(app: AppContext): Job[] {
  const windowTargets = new Map<string, Selector[][] | Unknown>();
  for (const t of app.ofType(WINDOW_TARGET)) windowTargets.set(app.key(t), targetList(t.ctx, t.ctx.properties(t.logicalId).Targets));
  return app.ofType(WINDOW_TASK).flatMap((task): Job[] => {
    const p = task.ctx.properties(task.logicalId);
    if (possibleValues(p.TaskType).every((t) => t !== 'RUN_COMMAND')) return [];
    const label = task.ctx.label(task.logicalId);
    const invocation = isObject(p.TaskInvocationParameters) ? p.TaskInvocationParameters.MaintenanceWindowRunCommandParameters : undefined;
    const parameters = isObject(invocation) ? invocation.Parameters : legacyParameters(p.TaskParameters);
    // Targets naming window targets select what those select.
    const own = targetList(task.ctx, p.Targets);
    let targets: Selector[][] | Unknown = [];
    if (isUnknown(own)) targets = own;
    else {
      const expanded: Selector[][] = [];
      for (const list of own) {
        const windowIds = list.find((s) => s.key === 'WindowTargetIds');
        if (!windowIds) {
          expanded.push(list);
          continue;
        }
        for (const v of windowIds.values) {
          for (const t of app.targets(task.ctx, v, [WINDOW_TARGET])) {
            const found = t.kind === 'resource' ? windowTargets.get(app.key(t.resource)) : undefined;
            if (found === undefined) targets = new Unknown(`${label} targets window target ${describeTarget(t)}`);
            else if (isUnknown(found)) targets = found;
            else expanded.push(...found);
          }
        }
      }
      if (!isUnknown(targets)) targets = expanded;
    }
    return [{ label, targets, effects: documentEffects(app, task.ctx, p.TaskArn, parameters, undefined) }];
  });
}

/** `TaskParameters` of old maintenance window tasks: `{ Operation: { Values: ['Install'] } }`. */
function legacyParameters(v: Value | undefined): Value | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, Value> = {};
  for (const [k, x] of Object.entries(v)) {
    // Defined, not assigned: a key named `__proto__` must not become the object's prototype.
    Object.defineProperty(out, k, { value: isObject(x) && x.Values !== undefined ? x.Values : x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Targets `[{ Key, Values }]` of an association or window target: one list of selectors (all must match). */
function targetList(ctx: TemplateContext, v: Value | undefined): Selector[][] | Unknown {
  const options = possibleValues(v);
  if (options.length > 1) return new Unknown('its Targets differ between Fn::If branches');
  const list = options[0];
  if (list === undefined) return [];
  if (!Array.isArray(list)) return new Unknown(`its Targets are ${describeValue(list)}`);
  const selectors: Selector[] = [];
  for (const item of list as readonly Value[]) {
    if (!isObject(item)) return new Unknown(`a target is ${describeValue(item)}`);
    const key = readString(item.Key);
    const values = item.Values;
    const list: readonly Value[] = Array.isArray(values) ? (values as readonly Value[]) : [values ?? new Unknown('a target without Values')];
    // Every value a target may name, Fn::If branches included, read once per job rather than per host.
    selectors.push({ ctx, key: key ?? new Unknown('a target without Key'), values: list.flatMap((v) => possibleValues(v)).filter((v): v is Value => v !== undefined) });
  }
  return selectors.length > 0 ? [selectors] : [];
}

/** What running a document (by name, ARN, or a document of the app) does for each safeguard. */
function documentEffects(app: AppContext, ctx: TemplateContext, nameV: Value | undefined, parameters: Value | undefined, unscheduled: string | undefined): Record<Safeguards, Effect> {
  const none: Record<Safeguards, Effect> = { updates: { provides: false }, antivirus: { provides: false } };
  const both = (e: Effect): Record<Safeguards, Effect> => ({ updates: e, antivirus: e });
  const names = possibleValues(nameV);
  if (names.length > 1) return both({ provides: new Unknown('runs a document chosen by Fn::If') });
  const raw = readString(names[0]);
  if (raw === undefined) return none;
  const params = isObject(parameters) ? parameters : {};
  if (typeof raw === 'string') {
    const name = raw.replace(/^arn:[^:]*:ssm:[^:]*:[^:]*:document\//, '').replace(/:\$?[A-Za-z0-9]+$/, '');
    if (PATCH_DOCUMENTS.has(name)) return { updates: patchEffect(name, params.Operation, unscheduled), antivirus: { provides: false } };
    if (SHELL_DOCUMENTS.has(name)) return scriptEffects(`runs ${name}, which`, textOf(params.commands));
    if (REMOTE_DOCUMENTS.has(name)) return both({ provides: new Unknown(`runs ${name}, whose script is stored outside the templates`) });
    if (/^(AWS|Amazon)/.test(name)) return none;
  }
  for (const t of app.targets(ctx, names[0] as Value, [DOCUMENT])) {
    if (t.kind === 'resource' && t.resource.ctx.typeOf(t.resource.logicalId) === DOCUMENT) {
      const doc = t.resource;
      return scriptEffects(`runs ${doc.ctx.label(doc.logicalId)}, which`, textOf(doc.ctx.properties(doc.logicalId).Content));
    }
    return both({ provides: new Unknown(`runs SSM document ${t.kind === 'external' ? `'${t.text}'` : describeTarget(t)}, which is not in the templates checked`) });
  }
  return none;
}

function patchEffect(name: string, operationV: Value | undefined, unscheduled: string | undefined): Effect {
  const ops = possibleValues(Array.isArray(operationV) ? (operationV as readonly Value[])[0] : operationV).map(readString);
  if (ops.some(isUnknown)) return { provides: new Unknown(`runs ${name} with an Operation known only at deploy`) };
  if (ops.some((o) => o === undefined)) return { provides: false, note: `runs ${name} without the Operation it requires` };
  if (ops.some((o) => o !== 'Install')) return { provides: false, note: `runs ${name} with Operation ${ops.filter((o) => o !== 'Install').join(' or ')}, which only reports missing patches` };
  if (unscheduled !== undefined) return { provides: false, note: unscheduled };
  return { provides: true, note: `runs ${name} with Operation Install` };
}

function scriptEffects(prefix: string, script: ScriptText): Record<Safeguards, Effect> {
  const reading = readHostScript(script.text);
  const effect = (s: ScriptSafeguard): Effect => {
    if (s.provided) return { provides: true, note: `${prefix} ${s.note ?? 'provides it'}` };
    if (script.unknowns.length > 0) return { provides: new Unknown(`${prefix} uses values known only at deploy (${script.unknowns.map((u) => u.reason).join('; ')})`) };
    return { provides: false, ...(s.note !== undefined ? { note: `${prefix} ${s.note}` } : {}) };
  };
  return { updates: effect(reading.updates), antivirus: effect(reading.antivirus) };
}

// ---------------------------------------------------------------- matching hosts

/** A host's tags at launch: known keys and values, and why the list may hold more. */
interface HostTags {
  readonly tags: Map<string, Maybe<string>>;
  readonly partial?: Unknown;
}

/**
 * The jobs, split for matching: those that name their instances (`InstanceIds` of resources of
 * the app, and nothing else) by the instance they name, the others to be matched against every
 * host. An app with a patch association per instance is then matched in linear time.
 */
interface JobIndex {
  /** Jobs matched against every host, with their position. */
  readonly everyHost: ReadonlyArray<{ readonly job: Job; readonly order: number }>;
  /** Jobs that select only named instances, by instance key (`AppContext.key`). */
  readonly byInstance: ReadonlyMap<string, ReadonlyArray<{ readonly job: Job; readonly order: number }>>;
}

function indexJobs(app: AppContext, jobs: readonly Job[]): JobIndex {
  const everyHost: Array<{ job: Job; order: number }> = [];
  const byInstance = new Map<string, Array<{ job: Job; order: number }>>();
  jobs.forEach((job, order) => {
    const named = namedInstances(app, job);
    if (named === undefined) everyHost.push({ job, order });
    for (const key of named ?? []) {
      const list = byInstance.get(key);
      if (list) list.push({ job, order });
      else byInstance.set(key, [{ job, order }]);
    }
  });
  return { everyHost, byInstance };
}

/**
 * The keys of the instances a job selects when it selects them only by `InstanceIds` naming
 * resources of the app (an id of an instance outside the templates selects none of them);
 * undefined when the job must be matched host by host (tags, `*`, values known only at deploy).
 */
function namedInstances(app: AppContext, job: Job): Set<string> | undefined {
  if (isUnknown(job.targets)) return undefined;
  const out = new Set<string>();
  for (const selectors of job.targets) {
    if (selectors.length !== 1 || selectors[0].key !== 'InstanceIds') return undefined;
    for (const v of selectors[0].values) {
      if (v === '*') return undefined;
      for (const t of app.targets(selectors[0].ctx, v, [INSTANCE])) {
        if (t.kind === 'unknown') return undefined;
        if (t.kind === 'resource') out.add(app.key(t.resource));
      }
    }
  }
  return out;
}

/** The jobs that may select a host, in the order of the jobs (which decides which one a finding names). */
function jobsFor(app: AppContext, index: JobIndex, host: AppResource): Job[] {
  const named = host.ctx.typeOf(host.logicalId) === INSTANCE ? index.byInstance.get(app.key(host)) : undefined;
  if (named === undefined) return index.everyHost.map((j) => j.job);
  return [...index.everyHost, ...named].sort((a, b) => a.order - b.order).map((j) => j.job);
}

function matchJob(app: AppContext, job: Job, host: AppResource, tags: HostTags): Maybe<boolean> {
  if (isUnknown(job.targets)) return new Unknown(`its targets cannot be read: ${job.targets.reason}`);
  let unknown: Unknown | undefined;
  for (const selectors of job.targets) {
    let all: Maybe<boolean> = true;
    for (const s of selectors) {
      const m = matchSelector(app, s, host, tags);
      if (m === false) {
        all = false;
        break;
      }
      if (isUnknown(m)) all = m;
    }
    if (all === true) return true;
    if (isUnknown(all)) unknown = all;
  }
  return unknown ?? false;
}

function matchSelector(app: AppContext, s: Selector, host: AppResource, hostTags: HostTags): Maybe<boolean> {
  if (isUnknown(s.key)) return new Unknown(`a target Key is ${s.key.reason}`);
  const values = s.values;
  if (s.key === 'InstanceIds') {
    if (values.some((v) => v === '*')) return true;
    if (host.ctx.typeOf(host.logicalId) !== INSTANCE) return false; // a group's instances get ids at launch
    let unknown: Unknown | undefined;
    for (const v of values) {
      for (const t of app.targets(s.ctx, v, [INSTANCE])) {
        if (t.kind === 'resource' && t.resource.ctx === host.ctx && t.resource.logicalId === host.logicalId) return true;
        if (t.kind === 'unknown') unknown = new Unknown(`an instance id it targets is ${t.reason}`);
      }
    }
    return unknown ?? false;
  }
  if (s.key.startsWith('tag:') || s.key === 'tag-key') {
    const keys = s.key === 'tag-key' ? values : [s.key.slice('tag:'.length)];
    let unknown: Unknown | undefined = hostTags.partial;
    for (const k of keys) {
      if (typeof k !== 'string') {
        unknown = new Unknown(`a tag key it targets is ${describeValue(k)}`);
        continue;
      }
      if (k.startsWith('aws:')) {
        unknown = new Unknown(`it targets the AWS-managed tag ${k}, whose value is set at deploy`);
        continue;
      }
      if (!hostTags.tags.has(k)) continue;
      const value = hostTags.tags.get(k) as Maybe<string>;
      if (s.key === 'tag-key') return true;
      if (isUnknown(value)) {
        unknown = new Unknown(`its tag ${k} is ${value.reason}`);
        continue;
      }
      if (values.some((v) => v === value)) return true;
      if (values.some((v) => typeof v !== 'string')) unknown = new Unknown(`a value of tag:${k} it targets is known only at deploy`);
    }
    return unknown ?? false;
  }
  if (s.key.startsWith('resource-groups:')) return new Unknown(`it targets resource group ${values.map(describeValue).join(', ')}, whose members are decided outside the templates`);
  return new Unknown(`it targets ${s.key}, which the records do not read`);
}

/** An instance's tags (and its launch template's instance tags); a group's propagated tags (and its template's). */
function hostTags(app: AppContext, host: AppResource): HostTags {
  const tags = new Map<string, Maybe<string>>();
  let partial: Unknown | undefined;
  const addList = (list: Value | undefined, propagatedOnly: boolean): void => {
    const options = possibleValues(list);
    for (const l of options) {
      if (l === undefined) continue;
      if (!Array.isArray(l)) {
        partial = new Unknown(`its tags are ${describeValue(l)}`);
        continue;
      }
      for (const item of l as readonly Value[]) {
        for (const tag of possibleValues(item)) {
          if (!isObject(tag)) {
            if (tag !== undefined) partial = new Unknown(`a tag is ${describeValue(tag)}`);
            continue;
          }
          if (propagatedOnly && readBoolean(tag.PropagateAtLaunch) !== true) continue;
          const key = readString(tag.Key);
          if (typeof key !== 'string') {
            partial = new Unknown(`a tag key is ${describeValue(tag.Key)}`);
            continue;
          }
          const value = readString(tag.Value);
          const known = options.length > 1 || possibleValues(item).length > 1 ? new Unknown('one of several Fn::If branches') : value ?? '';
          tags.set(key, known);
        }
      }
    }
  };
  for (const source of launchSources(app, host)) {
    if (source.kind !== 'resource' || source.resource.ctx.typeOf(source.resource.logicalId) !== LAUNCH_TEMPLATE) continue;
    const data = source.resource.ctx.properties(source.resource.logicalId).LaunchTemplateData;
    if (!isObject(data) || !Array.isArray(data.TagSpecifications)) continue;
    for (const spec of data.TagSpecifications as readonly Value[]) {
      if (isObject(spec) && spec.ResourceType === 'instance') addList(spec.Tags, false);
    }
  }
  const p = host.ctx.properties(host.logicalId);
  addList(p.Tags, host.ctx.typeOf(host.logicalId) === ASG);
  return { tags, ...(partial ? { partial } : {}) };
}

// ---------------------------------------------------------------- user data

/** Every user data text a host may boot with: its own, else its launch template's or configuration's. */
function hostScripts(app: AppContext, host: AppResource): ScriptText[] | Unknown {
  const own = host.ctx.resource(host.logicalId)?.Properties?.UserData;
  if (own !== undefined) return userDataScripts(host.ctx, own);
  const out: ScriptText[] = [];
  for (const source of launchSources(app, host)) {
    if (source.kind !== 'resource') return new Unknown(`it is launched from ${describeTarget(source)}`);
    const { ctx, logicalId } = source.resource;
    const raw = ctx.resource(logicalId)?.Properties;
    const type = ctx.typeOf(logicalId);
    if (type === LAUNCH_CONFIGURATION) out.push(...userDataScripts(ctx, raw?.UserData));
    else if (type === LAUNCH_TEMPLATE) {
      const data: unknown = raw?.LaunchTemplateData;
      if (data !== undefined && !isRecord(data)) return new Unknown(`the LaunchTemplateData of ${ctx.label(logicalId)} is an intrinsic`);
      out.push(...userDataScripts(ctx, isRecord(data) ? data.UserData : undefined));
    } else return new Unknown(`it is launched from ${ctx.label(logicalId)}, which is not a launch template`);
  }
  return out;
}

