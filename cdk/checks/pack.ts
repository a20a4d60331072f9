/**
 * `SecurityPolicyChecks`: the security policy as a cdk-nag v3 pack. Registered with
 * `Validations.of(app).addPlugins(new SecurityPolicyChecks(app))`, it makes `cdk synth` fail on
 * a non-compliant stack. Rule ids are the requirement ids.
 *
 * It judges the rendered CloudFormation, not the construct tree: each stack's template is read
 * once and run through the same records and checks as `compliance-check`, so escape-hatch
 * overrides, raw L1 resources, late aspects and `CfnInclude`d templates are all seen. Findings are
 * mapped back to constructs through `aws:cdk:path` (or, without path metadata, one walk of the tree).
 */
import type { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
// The base class only: cdk-nag's index loads every rule of every pack (150 ms and more), none of which this pack runs.
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import type { IConstruct } from 'constructs';
import { resolveOptions } from '../../constructs/options';
import { isReportFormat, REPORT_FORMATS, ReportFormat } from '../../constructs/report';
import { REQUIREMENTS } from '../../constructs/requirements';
import { isSeverity, Severity } from '../../constructs/severity';
import { packageVersion } from '../../constructs/version';
import { AWS_BINDINGS } from '../records';
import { EvaluationOptions, evaluateRendered, PACK_NAME, PolicyEvaluation } from './evaluate';
import { writeReports } from './reports';
import { RenderedStacks, templatesOfContext, templatesOfScope } from './templates';
import { toViolations } from './violations';

/**
 * Options of the pack: cdk-nag's, the team's check thresholds (`CheckOptions`: admin ports,
 * public entry ports, severities, and the thresholds each policy area adds), and when to fail.
 *
 * @example
 * new SecurityPolicyChecks(app, { failAt: 'P2', severities: { 'LOG-1': 'P1' } });
 */
export interface SecurityPolicyChecksProps extends NagPackProps, EvaluationOptions {
  /**
   * The least urgent severity that fails synthesis: findings at or above it are errors, the
   * others warnings. `'none'` only warns.
   * @default 'P1' (P0 and P1 are errors, P2 and P3 warnings)
   */
  readonly failAt?: Severity | 'none';
  /**
   * The reports written into the cloud assembly (`compliance-report.json`, `.sarif`, `.md`,
   * `.txt`). An empty list writes none.
   * @default ['json', 'sarif', 'markdown']
   */
  readonly reportFormats?: readonly ReportFormat[];
}

const DEFAULT_REPORTS: readonly ReportFormat[] = ['json', 'sarif', 'markdown'];

/**
 * The security policy as a cdk-nag pack.
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new SecurityPolicyChecks(app));
 * // ... stacks ...
 * app.synth(); // fails on a P0 or P1 finding; writes cdk.out/compliance-report.{json,sarif,md}
 *
 * @example
 * // In a test: no synth failure, just the report.
 * const report = new SecurityPolicyChecks().validateScope(stack);
 * expect(report.success).toBe(false);
 */
export class SecurityPolicyChecks extends NagPack {
  readonly name = PACK_NAME;
  readonly version = packageVersion();
  /** The requirements with AWS checks, from the catalog and the bindings (not a hand-kept list). */
  readonly ruleIds: string[];
  private readonly props: SecurityPolicyChecksProps;
  private readonly failAt: Severity | 'none';
  private readonly reportFormats: readonly ReportFormat[];
  private evaluation?: PolicyEvaluation;

  /**
   * @param scope the app, so cdk-nag can add its suppression-writing aspect when asked
   * @throws Error for options the policy refuses (lowering a P0, an unknown severity or format)
   */
  constructor(scope?: IConstruct, props: SecurityPolicyChecksProps = {}) {
    super(scope, props);
    this.packName = PACK_NAME;
    resolveOptions(props);
    const failAt = props.failAt ?? 'P1';
    if (failAt !== 'none' && !isSeverity(failAt)) throw new Error(`failAt must be P0, P1, P2, P3 or none, not '${String(failAt)}'`);
    const formats = props.reportFormats ?? DEFAULT_REPORTS;
    const bad = formats.find((f) => !isReportFormat(f));
    if (bad !== undefined) throw new Error(`reportFormats: '${String(bad)}' is not one of ${REPORT_FORMATS.join(', ')}`);
    this.props = props;
    this.failAt = failAt;
    this.reportFormats = formats;
    const bound = new Set(Object.values(AWS_BINDINGS).flat());
    this.ruleIds = REQUIREMENTS.filter((r) => bound.has(r.id)).map((r) => r.id);
  }

  /** The evaluation of the last `validate` or `validateScope`: findings, notes, templates. */
  get lastEvaluation(): PolicyEvaluation | undefined {
    return this.evaluation;
  }

  /**
   * Called by CDK during synthesis with the templates it wrote.
   *
   * @example
   * Validations.of(app).addPlugins(new SecurityPolicyChecks(app)); // CDK calls validate()
   */
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.judge(templatesOfContext(context), context.appConstruct, '');
  }

  /**
   * Synthesizes the app holding `scope` (unless it was already) and judges the stacks in and
   * around it, reporting the findings on `scope` and below. For tests: do not also register
   * the pack on the same app, or the synthesis itself fails first.
   *
   * @example
   * new SecurityPolicyChecks(undefined, { failAt: 'P2' }).validateScope(stack).success // false on a P2 finding
   */
  override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.judge(templatesOfScope(scope), scope.node.root, scope.node.path);
  }

  /**
   * Not used: the pack judges rendered templates, which cdk-nag's per-node walk (the only caller
   * of this method, replaced by `validate` and `validateScope` above) does not see.
   */
  protected checkResource(node: CfnResource): void {
    throw new Error(`SecurityPolicyChecks judges rendered templates, not single nodes ('${node.node.path}'): call validateScope(scope)`);
  }

  private judge(rendered: RenderedStacks, root: IConstruct | undefined, scopePath: string): PolicyValidationPluginReport {
    const evaluation = evaluateRendered(rendered, root, scopePath, this.props);
    this.evaluation = evaluation;
    if (this.reportFormats.length > 0) {
      writeReports(rendered.assemblyDir, this.reportFormats, {
        tool: { name: 'compliance-constructs', version: this.version },
        findings: evaluation.findings,
        inputs: rendered.stacks.map((s) => s.file),
        resourcesChecked: evaluation.resourcesChecked,
        failOn: this.failAt,
        notes: evaluation.notes,
      });
    }
    const violations = toViolations(evaluation.findings, this.failAt, evaluation.acknowledgements, this.props.verbose ?? false);
    return { success: !violations.some((v) => v.severity === 'error' || v.severity === 'fatal'), violations };
  }
}
