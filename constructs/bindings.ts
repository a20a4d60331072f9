/**
 * Resource type -> requirement tables, provider-neutral. Each area of a provider exports its
 * own table; several areas judge the same type (an instance for NET-4 and ENC-1), so the
 * tables are merged, never spread over each other.
 */
import type { RequirementId } from './requirements';

/**
 * Resource type -> the requirements it is judged against.
 *
 * @example
 * const b: Bindings = { 'AWS::S3::Bucket': ['ENC-2', 'ENC-3', 'TLS-4'] };
 */
export type Bindings = Readonly<Record<string, readonly RequirementId[]>>;

/**
 * Merges binding tables: a type bound by several areas keeps every requirement, in order of
 * first appearance, without duplicates.
 *
 * @example
 * mergeBindings({ 'AWS::EC2::Instance': ['NET-4'] }, { 'AWS::EC2::Instance': ['ENC-1'] })
 * // { 'AWS::EC2::Instance': ['NET-4', 'ENC-1'] }
 */
export function mergeBindings(...tables: readonly Bindings[]): Bindings {
  const out: Record<string, RequirementId[]> = {};
  for (const table of tables) {
    for (const [type, ids] of Object.entries(table)) {
      const list = (out[type] ??= []);
      for (const id of ids) if (!list.includes(id)) list.push(id);
    }
  }
  return out;
}
