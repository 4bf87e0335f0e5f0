/** Driver classes the tests raise as the driver would, though the package does not export them. */
declare module 'mongodb/lib/cmap/errors' {
  import type { MongoNetworkError } from 'mongodb';

  /** What an operation gets when the pool it waits on is cleared (a failed heartbeat, a network error). */
  export class PoolClearedError extends MongoNetworkError {
    constructor(pool: { address: string; serverError?: Error }, message?: string);
  }
}
