/** `npm run intake -- serve`: the alert receiver, forwarding to repository_dispatch (README, "Intake"). */
import { Octokit } from 'octokit';
import { createAlertReceiver } from '../../src/adapters/alert-receiver.ts';
import { UserError } from '../../src/core/errors.ts';

export async function intakeServe(input: { port: number; host: string }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const secret = env.STATUS_INTAKE_SECRET;
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!secret || secret.length < 16) throw new UserError('STATUS_INTAKE_SECRET must be set to a secret of at least 16 characters (the same value as Alertmanager\'s http_config.authorization.credentials)');
  if (!token || !repository) throw new UserError('GITHUB_TOKEN (a token allowed to create repository dispatch events: contents write) and GITHUB_REPOSITORY (owner/name) must be set');
  const [owner, repo] = repository.split('/') as [string, string];
  const octokit = new Octokit({ auth: token, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(env.STATUS_TEST_FAST_GITHUB === '1' ? { throttle: { enabled: false }, retry: { enabled: false } } : {}) });
  const server = createAlertReceiver({
    secret,
    forward: async (alert, signal) => {
      await octokit.rest.repos.createDispatchEvent({ owner, repo, event_type: 'alert', client_payload: { alert }, request: { signal } });
    },
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(input.port, input.host, resolve));
  const address = server.address();
  process.stdout.write(`listening on http://${input.host}:${typeof address === 'object' && address ? address.port : input.port}/alert\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
