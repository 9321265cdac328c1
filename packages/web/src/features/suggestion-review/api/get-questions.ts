import type { SuggestionQuestion } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** The questionnaire of each region's policy in force, to name the answers' codes and tell yes/no from scales. */
export function useQuestions(regionCodes: readonly string[]) {
  const key = [...new Set(regionCodes)].sort().join(',');
  return useQuery(key ? `suggestion-questions:${key}` : null, async (signal) => {
    const pairs = await Promise.all(
      key.split(',').map(async (code) => {
        const p = await apiRequest<{ policy: { suggestionQuestions: SuggestionQuestion[] } }>(`/evaluation-policies/${code}`, { signal });
        return [code, p.policy.suggestionQuestions] as const;
      }),
    );
    return new Map(pairs);
  });
}
