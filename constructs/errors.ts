/**
 * The library's two error kinds: bad input to a command or reader, and a non-compliant prop.
 */
import type { RequirementId } from './requirements';

/**
 * Input that cannot be read: a missing path, a malformed file, a file that is no template.
 * The CLI prints `file: message` on one line and exits 2.
 *
 * @example
 * throw new InputError('template.yaml', 'line 3: unexpected end of flow sequence');
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(file ? `${file}: ${problem}` : problem);
    this.name = 'InputError';
  }
}

/**
 * A construct or component prop that can never comply. Names the requirement it protects.
 *
 * @example
 * throw new ComplianceError('ENC-1', "Volume 'Data' sets encrypted: false; block storage must be encrypted.");
 */
export class ComplianceError extends Error {
  constructor(
    readonly requirement: RequirementId,
    readonly problem: string,
  ) {
    super(`[${requirement}] ${problem}`);
    this.name = 'ComplianceError';
  }
}
