import { rateWindowStart } from '@hcp/domain';
import { AppError } from '../errors.ts';
import type { PublicChannelRepository } from '../repositories/public-channel.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';

export type RateBucket = 'otp:ip' | 'otp:phone' | 'identify:ip' | 'suggest:ip' | 'pair:ip';

/**
 * Hourly request limits of the public channels, counted in the database so every instance shares
 * them (@fastify/rate-limit is not installed and would count per process). Callers are known only
 * by keyed hashes: an address through the blind-index key, a phone by its blind index.
 */
export class PublicRateLimiter {
  constructor(
    private readonly repo: PublicChannelRepository,
    private readonly cipher: PiiCipher,
  ) {}

  /** The keyed hash an address is counted and stored under; the address itself is never stored. */
  ipHash(ip: string): string {
    return this.cipher.blindIndex('id', `ip:${ip}`);
  }

  /** Counts this request and refuses it (429 RATE_LIMITED) once the hour's limit is passed. */
  async take(bucket: RateBucket, keyHash: string, limitPerHour: number, now: Date): Promise<void> {
    const count = await this.repo.hit(bucket, keyHash, rateWindowStart(now));
    if (count > limitPerHour) {
      const field = bucket.endsWith(':phone') ? 'phone' : 'ip';
      throw new AppError('RATE_LIMITED', `too many requests (${limitPerHour} an hour); please try again later`, field, [{ field, reason: `at most ${limitPerHour} an hour` }]);
    }
  }
}
