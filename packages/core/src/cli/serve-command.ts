import type { LoadedConfig } from '../config/config.js';
import type { Command } from './args.js';
import type { Io } from './io.js';
import { printable } from '../report/format-text.js';
import { say } from './messages.js';
import { EXIT } from './usage-error.js';

/** What the CLI uses of `@chorus-precheck/server` (a separate package: the core does not depend on it). */
interface ServerModule {
  startServer(options: {
    host: string;
    port: number;
    release?: string;
    config: LoadedConfig | null;
    lang?: 'fr' | 'en';
    tokenSecret?: string;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

// A variable, so that neither tsc nor the CLI bundler tries to resolve the optional package.
const SERVER_PACKAGE = '@chorus-precheck/server';

/**
 * `chorus-precheck serve`: starts the local Chorus Pro API of `@chorus-precheck/server`, prints
 * its URL on standard output once it listens, and runs until SIGINT or SIGTERM.
 */
export async function runServe(command: Extract<Command, { kind: 'serve' }>, config: LoadedConfig | null, lang: 'fr' | 'en', io: Io): Promise<number> {
  let server: ServerModule;
  try {
    server = (await import(SERVER_PACKAGE)) as ServerModule;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'ERR_MODULE_NOT_FOUND' || !e.message.includes(SERVER_PACKAGE)) throw error;
    const text = say(lang, {
      fr: `serve a besoin du paquet ${SERVER_PACKAGE}, qui n’est pas installé.\nInstallez-le à côté du cœur : npm install ${SERVER_PACKAGE}`,
      en: `serve needs the ${SERVER_PACKAGE} package, which is not installed.\nInstall it next to the core: npm install ${SERVER_PACKAGE}`,
    });
    io.stderr.write(`chorus-precheck: ${text}\n`);
    return EXIT.usage;
  }
  let running: { url: string; close(): Promise<void> };
  try {
    running = await server.startServer({
      host: command.host,
      port: command.port,
      ...(command.release ? { release: command.release } : {}),
      config,
      ...(command.lang ? { lang: command.lang } : {}),
      // Instances started with the same secret accept each other's tokens (behind a load balancer).
      ...(io.env.CHORUS_PRECHECK_TOKEN_SECRET ? { tokenSecret: io.env.CHORUS_PRECHECK_TOKEN_SECRET } : {}),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.name === 'ServerOptionsError') {
      io.stderr.write(`chorus-precheck: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
      const text = say(lang, {
        fr: `impossible d’écouter sur ${command.host}:${command.port} (${e.code}) : choisissez un autre --host ou --port`,
        en: `cannot listen on ${command.host}:${command.port} (${e.code}): choose another --host or --port`,
      });
      io.stderr.write(`chorus-precheck: ${printable(text)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  io.stdout.write(`${running.url}\n`);
  io.stderr.write(
    `chorus-precheck serve: Chorus Pro API at ${running.url}/cpro/…, token at ${running.url}/api/oauth/token, pre-check at ${running.url}/v1/precheck, description at ${running.url}/openapi.json. Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.close();
  return EXIT.ok;
}
