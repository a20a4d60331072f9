/**
 * The yaml package, loaded on first use. Most runs read only JSON (the templates CDK writes,
 * Pulumi exports); loading yaml up front would cost every synthesis that runs the checks some
 * 60 ms.
 */

let loaded: typeof import('yaml') | undefined;

/**
 * The yaml module, required the first time it is asked for.
 *
 * @example
 * const { parse } = yaml();
 * parse('a: 1') // { a: 1 }
 */
export function yaml(): typeof import('yaml') {
  return (loaded ??= require('yaml') as typeof import('yaml'));
}
