/**
 * Reading a CDK cloud assembly (`cdk.out`): every stack template it holds, including the stacks
 * of stages (nested assemblies) and nested stacks, so none of them goes unchecked.
 */
import { existsSync, realpathSync, statSync } from 'fs';
import { isAbsolute, join, normalize, sep } from 'path';
import { InputError } from '../../constructs/errors';
import { CfnTemplate, isRecord } from './template';
import { fileProblem, parseJson, ParseOptions, readTemplateFile, readText } from './template-file';

/** One stack's template in a cloud assembly. */
export interface StackTemplate {
  /** The template file, joined to the assembly folder as given. */
  readonly file: string;
  /** The CloudFormation stack name; for a nested stack, `parent/LogicalId`. */
  readonly stackName: string;
  /** The construct path of the stack (`Prod/Web`), when the manifest gives one. */
  readonly displayName?: string;
  readonly template: CfnTemplate;
}

const MANIFEST = 'manifest.json';
const STACK = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';
const ASSET_MANIFEST = 'cdk:asset-manifest';
const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * Whether a path is a cloud assembly folder (a directory holding `manifest.json`).
 *
 * @example
 * isCloudAssembly('cdk.out') // true after `cdk synth`
 */
export function isCloudAssembly(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && statSync(join(dir, MANIFEST)).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads every stack template of a cloud assembly: its stacks, the stacks of nested assemblies
 * (stages) and nested stacks (`AWS::CloudFormation::Stack` resources whose template is an
 * asset of the assembly), each once.
 *
 * @param options `writtenByJsonStringify` for an assembly CDK synthesized in this process
 * (its templates cannot repeat a key, so none is looked for)
 * @throws InputError when the folder is not a cloud assembly, its manifest is malformed, or a
 * template it names is missing or not a template
 *
 * @example
 * for (const stack of readCloudAssembly('cdk.out')) {
 *   console.log(stack.stackName, Object.keys(stack.template.Resources).length);
 * }
 */
export function readCloudAssembly(dir: string, options: ParseOptions = {}): StackTemplate[] {
  const out: StackTemplate[] = [];
  readAssembly(dir, { assemblies: new Set(), templates: new Set() }, out, { allowMissingResources: true, ...options });
  return out;
}

/** How each template is read. */
type ReadOptions = Parameters<typeof readTemplateFile>[1];

/** Real paths already read, so a folder or template reached twice (or in a loop) is read once. */
interface Visited {
  readonly assemblies: Set<string>;
  readonly templates: Set<string>;
}

function readAssembly(dir: string, visited: Visited, out: StackTemplate[], read: ReadOptions): void {
  let stat;
  try {
    stat = statSync(dir);
  } catch (e: unknown) {
    throw new InputError(dir, fileProblem(e));
  }
  if (!stat.isDirectory()) throw new InputError(dir, 'not a directory; expected a cloud assembly folder (cdk.out)');
  const real = realPath(dir);
  if (visited.assemblies.has(real)) return;
  visited.assemblies.add(real);

  const manifestFile = join(dir, MANIFEST);
  if (!existsSync(manifestFile)) throw new InputError(dir, `not a cloud assembly: ${MANIFEST} not found`);
  const manifest = parseJson(readText(manifestFile), manifestFile);
  if (!isRecord(manifest)) throw new InputError(manifestFile, 'not a cloud assembly manifest: expected a JSON object');
  const artifacts = manifest.artifacts ?? {};
  if (!isRecord(artifacts)) throw new InputError(manifestFile, 'not a cloud assembly manifest: artifacts must be a mapping');

  let assets: Map<string, string> | undefined;
  const assetsOf = (): Map<string, string> => (assets ??= templateAssets(dir, artifacts));

  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) throw new InputError(manifestFile, `artifact '${id}' must be a mapping`);
    const props = isRecord(artifact.properties) ? artifact.properties : {};
    if (artifact.type === STACK) {
      const templateFile = props.templateFile;
      if (typeof templateFile !== 'string' || templateFile === '') {
        throw new InputError(manifestFile, `stack '${id}' has no properties.templateFile`);
      }
      const file = join(dir, templateFile);
      if (!existsSync(file)) throw new InputError(manifestFile, `stack '${id}' names template ${file}, which does not exist`);
      visited.templates.add(realPath(file));
      const stack: StackTemplate = {
        file,
        stackName: typeof props.stackName === 'string' && props.stackName !== '' ? props.stackName : id,
        ...(typeof artifact.displayName === 'string' ? { displayName: artifact.displayName } : {}),
        template: readTemplateFile(file, read),
      };
      out.push(stack);
      readNestedStacks(dir, stack, assetsOf, visited, out, read);
    } else if (artifact.type === NESTED_ASSEMBLY) {
      const directoryName = props.directoryName;
      if (typeof directoryName !== 'string' || directoryName === '') {
        throw new InputError(manifestFile, `nested assembly '${id}' has no properties.directoryName`);
      }
      readAssembly(join(dir, directoryName), visited, out, read);
    }
  }
}

/**
 * The nested stacks of a stack, depth first. CDK names a nested stack's template in the
 * resource's `aws:asset:path` metadata; without it (asset metadata disabled), the template is
 * found by the asset hash in its `TemplateURL`.
 */
function readNestedStacks(
  dir: string,
  parent: StackTemplate,
  assetsOf: () => Map<string, string>,
  visited: Visited,
  out: StackTemplate[],
  read: ReadOptions,
): void {
  for (const [logicalId, resource] of Object.entries(parent.template.Resources)) {
    if (resource.Type !== NESTED_STACK) continue;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const relative = typeof assetPath === 'string' ? assetPath : assetFor(resource.Properties?.TemplateURL, assetsOf);
    // A template elsewhere (an S3 URL written by hand) is not in the assembly to read.
    if (relative === undefined) continue;
    const normalized = normalize(relative);
    if (isAbsolute(relative) || normalized === '..' || normalized.startsWith(`..${sep}`)) {
      throw new InputError(parent.file, `nested stack '${logicalId}' names template '${relative}', outside the cloud assembly`);
    }
    const file = join(dir, relative);
    if (!existsSync(file)) throw new InputError(parent.file, `nested stack '${logicalId}' names template ${file}, which does not exist`);
    const real = realPath(file);
    if (visited.templates.has(real)) continue;
    visited.templates.add(real);
    const child: StackTemplate = {
      file,
      stackName: `${parent.stackName}/${logicalId}`,
      ...(parent.displayName !== undefined ? { displayName: `${parent.displayName}/${logicalId}` } : {}),
      template: readTemplateFile(file, read),
    };
    out.push(child);
    readNestedStacks(dir, child, assetsOf, visited, out, read);
  }
}

/** The template file whose asset hash appears in a nested stack's `TemplateURL`. */
function assetFor(templateUrl: unknown, assetsOf: () => Map<string, string>): string | undefined {
  if (templateUrl === undefined) return undefined;
  const text = JSON.stringify(templateUrl);
  for (const [hash, path] of assetsOf()) if (text.includes(hash)) return path;
  return undefined;
}

/**
 * File assets that are templates (hash → path in the assembly), from the asset manifests.
 * Only a fallback for finding nested stacks, so an unreadable asset manifest is skipped.
 */
function templateAssets(dir: string, artifacts: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (!isRecord(artifact) || artifact.type !== ASSET_MANIFEST || !isRecord(artifact.properties)) continue;
    const file = artifact.properties.file;
    if (typeof file !== 'string') continue;
    let manifest: unknown;
    try {
      manifest = parseJson(readText(join(dir, file)), file);
    } catch {
      continue;
    }
    if (!isRecord(manifest) || !isRecord(manifest.files)) continue;
    for (const [hash, asset] of Object.entries(manifest.files)) {
      const path = isRecord(asset) && isRecord(asset.source) ? asset.source.path : undefined;
      if (typeof path === 'string' && path.endsWith('.json') && hash.length >= 8) out.set(hash, path);
    }
  }
  return out;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch (e: unknown) {
    throw new InputError(path, fileProblem(e));
  }
}
