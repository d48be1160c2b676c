/**
 * InjectedFault: the error a fault site throws, so that a failure it causes
 * is recognisable as injected (in thread.failed, call.exited, a swap's
 * abort reason) and never mistaken for a bug of the system under test.
 */
export const INJECTED_FAULT = 'InjectedFault';

export class InjectedFault extends Error {
  override readonly name = INJECTED_FAULT;
  constructor(
    readonly site: string,
    detail: string,
  ) {
    super(`fault '${site}' injected: ${detail}`);
  }
}

/** True if `text` (an error description or reason) names an injected fault. */
export function mentionsInjectedFault(text: string | null | undefined): boolean {
  return text !== null && text !== undefined && text.includes(INJECTED_FAULT);
}
