/**
 * The rendered CloudFormation that the pack judges: the template files CDK wrote (escape-hatch
 * overrides, raw L1s, late aspects and `CfnInclude`d resources are all in them), read once per
 * stack, nested stacks included, and tied back to the constructs that produced each resource.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { CfnResource, IPolicyValidationContext, Stack, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { readCloudAssembly, StackTemplate } from '../records/assembly';
import type { CfnResource as CfnResourceJson, CfnTemplate } from '../records/template';

/** The templates were just written by CDK's synthesis (`JSON.stringify`): no key can repeat. */
const WRITTEN_BY_CDK = { writtenByJsonStringify: true } as const;

/** CDK's resource metadata key for the construct path. */
const PATH_METADATA = 'aws:cdk:path';

/**
 * Stack templates and the cloud assembly they were read from.
 *
 * @example
 * const { assemblyDir, stacks }: RenderedStacks = templatesOfScope(app);
 */
export interface RenderedStacks {
  /** The cloud assembly folder (relative to the working directory when it is inside it). */
  readonly assemblyDir: string;
  /** The templates, each resource with its construct path in `Metadata['aws:cdk:path']`. */
  readonly stacks: StackTemplate[];
}

/**
 * The templates of the stacks a CDK validation run hands to a plugin, with their nested stacks.
 *
 * @example
 * const { stacks } = templatesOfContext(context); // inside IPolicyValidationPlugin.validate
 */
export function templatesOfContext(context: IPolicyValidationContext): RenderedStacks {
  const wanted = new Set(context.templatePaths.map((p) => resolve(p)));
  const root = context.appConstruct;
  const dirs = Stage.isStage(root) ? [root.outdir] : [...new Set(context.templatePaths.map((p) => resolve(p, '..')))];
  const stacks = dirs.flatMap((dir) => selectStacks(readCloudAssembly(displayDir(dir), WRITTEN_BY_CDK), (s) => wanted.has(resolve(s.file))));
  return { assemblyDir: displayDir(dirs[0] ?? '.'), stacks: withConstructPaths(stacks, root) };
}

/**
 * Synthesizes the app or stage that holds `scope` (as `Template.fromStack` does: a stage that
 * was synthesized already is not synthesized again) and returns the templates of the stacks in
 * or around `scope`, with their nested stacks.
 *
 * @throws Error when `scope` is not inside an App or a Stage
 *
 * @example
 * const { stacks } = templatesOfScope(stack);
 */
export function templatesOfScope(scope: IConstruct): RenderedStacks {
  const root = scope.node.root;
  if (!Stage.isStage(root)) throw new Error(`'${scope.node.path}' is not inside an App or a Stage, so it cannot be synthesized`);
  const assembly = root.synth();
  const dir = displayDir(assembly.directory);
  const path = scope.node.path;
  const inScope = (s: StackTemplate): boolean => {
    const stackPath = s.displayName ?? s.stackName;
    return path === '' || stackPath === path || stackPath.startsWith(`${path}/`) || path.startsWith(`${stackPath}/`);
  };
  return { assemblyDir: dir, stacks: withConstructPaths(selectStacks(readCloudAssembly(dir, WRITTEN_BY_CDK), inScope), root) };
}

/**
 * Keeps the top-level stacks `keep` accepts, each with its nested stacks (which
 * `readCloudAssembly` lists right after their parent, named `parent/LogicalId`).
 */
function selectStacks(all: readonly StackTemplate[], keep: (s: StackTemplate) => boolean): StackTemplate[] {
  const out: StackTemplate[] = [];
  let parentKept = false;
  for (const s of all) {
    if (!s.stackName.includes('/')) parentKept = keep(s);
    if (parentKept) out.push(s);
  }
  return out;
}

/**
 * Templates whose resources all carry `aws:cdk:path` (what `cdk synth` writes). Without path
 * metadata (unit tests, `--no-path-metadata`), the construct tree is walked once to map each
 * stack's logical ids to construct paths, and copies of the templates get the paths filled in.
 */
function withConstructPaths(stacks: StackTemplate[], root: IConstruct | undefined): StackTemplate[] {
  const missing = stacks.some((s) => Object.values(s.template.Resources).some((r) => typeof r.Metadata?.[PATH_METADATA] !== 'string'));
  if (!missing || root === undefined) return stacks;
  const paths = constructPathsByTemplate(root);
  return stacks.map((s) => {
    const byLogicalId = paths.get(resolve(s.file));
    if (byLogicalId === undefined) return s;
    const resources: Record<string, CfnResourceJson> = {};
    for (const [id, r] of Object.entries(s.template.Resources)) {
      const path = byLogicalId.get(id);
      resources[id] = path === undefined || typeof r.Metadata?.[PATH_METADATA] === 'string' ? r : { ...r, Metadata: { ...r.Metadata, [PATH_METADATA]: path } };
    }
    const template: CfnTemplate = { ...s.template, Resources: resources };
    return { ...s, template };
  });
}

/** Template file (absolute) → logical id → construct path, from one walk of the tree. */
function constructPathsByTemplate(root: IConstruct): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const fileOf = new Map<Stack, string>();
  for (const c of root.node.findAll()) {
    if (!CfnResource.isCfnResource(c)) continue;
    const stack = c.stack;
    let file = fileOf.get(stack);
    if (file === undefined) {
      const stage = Stage.of(stack);
      file = stage !== undefined ? resolve(stage.outdir, stack.templateFile) : stack.templateFile;
      fileOf.set(stack, file);
    }
    let ids = out.get(file);
    if (ids === undefined) out.set(file, (ids = new Map()));
    ids.set(String(stack.resolve(c.logicalId)), c.node.path);
  }
  return out;
}

/** A folder as reports should print it: relative to the working directory when inside it. */
function displayDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}
