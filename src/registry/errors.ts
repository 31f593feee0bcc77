/**
 * Errors of the registry that a caller can act on, each with the HTTP status the handler answers
 * with. Input errors name the field and the reason; nothing is written when one is thrown.
 */
export type RegistryErrorCode = 'InvalidInput' | 'NotOwner' | 'NotFound' | 'Conflict' | 'Unavailable';

const STATUS: Record<RegistryErrorCode, number> = {
  InvalidInput: 400,
  NotOwner: 403,
  NotFound: 404,
  Conflict: 409,
  Unavailable: 503,
};

export class RegistryError extends Error {
  readonly status: number;

  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly details: { field?: string; reason?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'RegistryError';
    this.status = STATUS[code];
  }
}

export function invalid(field: string, reason: string): RegistryError {
  return new RegistryError('InvalidInput', `Invalid ${field}: ${reason}.`, { field, reason });
}

export function notOwner(id: string): RegistryError {
  return new RegistryError(
    'NotOwner',
    `The agent "${id}" was registered by another registrant; only its registrant can change or remove it. ` +
      'Register under another id, or ask its registrant to deregister it.',
  );
}

export function isRegistryError(err: unknown): err is RegistryError {
  return err instanceof RegistryError;
}
