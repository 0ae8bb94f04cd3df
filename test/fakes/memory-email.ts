/**
 * The e-mail port on the shared Resend model, in memory: the crash matrix
 * runs thousands of sends, and this keeps the provider's documented
 * semantics (limits, idempotency with payload comparison, 24 h) without
 * HTTP. It maps answers as the real adapter does: 409
 * `invalid_idempotent_request` is a conflict, any other error throws.
 */
import type { EmailPort } from '../../src/core/engine/ports.ts';
import { createResendModel, type ResendModel } from './resend-model.ts';

export function memoryEmailPort(
  clock: () => number = Date.now,
): EmailPort & { model: ResendModel; requests: { key: string; status: number }[] } {
  const model = createResendModel(clock);
  const requests: { key: string; status: number }[] = [];
  return {
    model,
    requests,
    async sendBatch(messages, key) {
      const answer = model.batchParsed(
        messages.map((m) => ({
          from: 'status@provider.example',
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
        })),
        key,
      );
      requests.push({ key, status: answer.status });
      const json = answer.json as { data?: { id: string }[]; name?: string; message?: string };
      if (answer.status === 200) return { ids: json.data!.map((d) => d.id) };
      if (answer.status === 409 && json.name === 'invalid_idempotent_request') return { conflict: 'payload-differs' };
      throw new Error(`provider refused the batch (HTTP ${answer.status}) ${json.name}: ${json.message}`);
    },
  };
}
