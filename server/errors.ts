// One error family for the whole server; the HTTP mapping lives in api/problem.ts, nowhere else.
export class TweelingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'not-found', details);
  }
}

export class InvalidParameter extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'invalid-parameter', details);
  }
}

export class Conflict extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'conflict', details);
  }
}

/** No (valid) session for a route that needs a signed-in user: 401. */
export class Unauthenticated extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'unauthenticated', details);
  }
}

/** Too many requests from one session or client: 429 (with Retry-After from details.retryAfterS). */
export class TooManyRequests extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'too-many-requests', details);
  }
}

/** A request body in a format the route does not take (anything but JSON on the JSON API): 415. */
export class UnsupportedMediaType extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'unsupported-media-type', details);
  }
}

export class Forbidden extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'forbidden', details);
  }
}

export class Unavailable extends TweelingError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'unavailable', details);
  }
}
