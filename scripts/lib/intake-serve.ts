/** `npm run intake -- serve`: the alert receiver, forwarding to repository_dispatch (README, "Intake"). */
import { createAlertReceiver } from '../../src/adapters/alert-receiver.ts';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import { UserError } from '../../src/core/errors.ts';

export async function intakeServe(
  input: { port: number; host: string; secret: string | undefined },
  ports: PortsFromEnv,
): Promise<number> {
  const secret = input.secret;
  if (!secret || secret.length < 16)
    throw new UserError(
      "STATUS_INTAKE_SECRET must be set to a secret of at least 16 characters (the same value as Alertmanager's http_config.authorization.credentials)",
    );
  const github = ports.requireGitHub(
    'GITHUB_TOKEN (a token allowed to create repository dispatch events: contents write) and GITHUB_REPOSITORY (owner/name) must be set',
  );
  const server = createAlertReceiver({
    secret,
    forward: github.alertDispatch(),
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(input.port, input.host, resolve));
  const address = server.address();
  process.stdout.write(
    `listening on http://${input.host}:${typeof address === 'object' && address ? address.port : input.port}/alert\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
