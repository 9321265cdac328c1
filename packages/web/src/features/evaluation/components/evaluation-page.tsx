import { useState } from 'react';
import { useQuery } from '@/lib/use-query.ts';
import { getEvaluationForm } from '../api/get-evaluation-form.ts';
import { EvaluationForm } from './evaluation-form.tsx';
import { LinkProblem, linkProblemOf, LoadFailed, type LinkProblemKind } from './link-problem.tsx';
import { ThankYou } from './thank-you.tsx';

/** /e/:token — the evaluation page behind every channel: loads the session's form, then rates once. */
export function EvaluationPage({ token }: { token: string }) {
  const form = useQuery(`evaluate:${token}`, (signal) => getEvaluationForm(token, signal));
  const [done, setDone] = useState<{ bad: boolean } | null>(null);
  const [problem, setProblem] = useState<LinkProblemKind | null>(null);

  if (done) return <ThankYou bad={done.bad} />;
  if (problem) return <LinkProblem kind={problem} />;
  if (form.error) {
    const kind = linkProblemOf(form.error);
    if (kind) return <LinkProblem kind={kind} />;
    return <LoadFailed error={form.error} onRetry={form.reload} />;
  }
  if (!form.data) return <p className="cz-loading" role="status">…</p>;
  if (form.data.state !== 'open') return <LinkProblem kind={form.data.state} />;
  return <EvaluationForm token={token} form={form.data} onDone={setDone} onProblem={setProblem} />;
}
