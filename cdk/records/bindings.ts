/**
 * The AWS areas' binding tables are merged with the provider-neutral `mergeBindings`
 * (`constructs/bindings.ts`), which the GCP side shares.
 */
export { mergeBindings } from '../../constructs/bindings';
export type { Bindings } from '../../constructs/bindings';
