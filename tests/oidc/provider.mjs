// A real OpenID Connect provider on loopback for the sign-in browser tests (oidc-provider).
//
//   node provider.mjs --port 4000 --app-port 8501 [--app-port 8502] \
//     [--client-id follow-up-coach] [--client-secret ...]
//
// or the same through OIDC_PORT, OIDC_APP_PORTS (comma-separated), OIDC_CLIENT_ID and
// OIDC_CLIENT_SECRET. It serves one confidential client whose redirect URI (and post-logout
// redirect URI) is http://127.0.0.1:<app port>/oauth2callback for each app port, and the
// accounts of accounts.json beside this file (alice and bob). Signing in is one plain form:
// type a user name, press "Sign in". Everything is in memory and gone when the process ends.
// It prints one "ready <issuer>" line once it listens.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { interactionPolicy } from 'oidc-provider';

// user name -> claims; the tests read the same file
const ACCOUNTS = JSON.parse(readFileSync(new URL('./accounts.json', import.meta.url), 'utf8'));

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT },
    'app-port': { type: 'string', multiple: true },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID ?? 'follow-up-coach' },
    'client-secret': {
      type: 'string',
      default: process.env.OIDC_CLIENT_SECRET ?? 'follow-up-coach-test-secret',
    },
  },
});
const appPorts = args['app-port'] ?? (process.env.OIDC_APP_PORTS ?? '').split(',');
const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || appPorts.some((p) => !/^\d+$/.test(p.trim()))) {
  console.error('usage: node provider.mjs --port PORT --app-port APP_PORT [--app-port ...]');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const callbacks = appPorts.map((p) => `http://127.0.0.1:${p.trim()}/oauth2callback`);

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

// Streamlit asks for prompt=select_account by default; a prompt the provider does not know is
// refused, so it is one that the form below answers (as Google's account chooser would).
const policy = interactionPolicy.base();
policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: callbacks,
      post_logout_redirect_uris: callbacks,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scopes' claims (email, name) in the ID token too: Streamlit fills st.user from the
  // ID token alone and never calls the userinfo endpoint.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    if (!Object.hasOwn(ACCOUNTS, id)) return undefined;
    const account = ACCOUNTS[id];
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  jwks: {
    keys: [
      {
        ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
        kid: 'test-key',
        use: 'sig',
        alg: 'RS256',
      },
    ],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page(
          'Sign out of the test provider?',
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">` +
            'Yes, sign me out</button> <button type="submit" form="op.logoutForm">' +
            'No, stay signed in</button>',
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out of the test provider', '');
      },
    },
  },
  interactions: {
    policy,
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    const lines = Object.entries(out).map(([k, v]) => `<p>${escape(k)}: ${escape(v)}</p>`);
    ctx.body = page('Test provider error', lines.join(''));
  },
});

provider.on('server_error', (_ctx, error) => console.error('server_error', error));

function signInForm(uid, message = '') {
  const note = message ? `<p role="alert">${escape(message)}</p>` : '';
  return page(
    'Sign in to the test provider',
    `${note}<form method="post" action="/interaction/${escape(uid)}">
<label>User name <input name="username" autocomplete="off" autofocus></label>
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
  );
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The interaction: whatever the provider asks (choose an account, sign in, consent), one form
// with a user name answers all of it and grants the client the scopes it asked for.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const send = (html) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  if (req.method === 'GET') {
    send(signInForm(details.uid));
    return;
  }
  const form = await readForm(req);
  if (form.get('action') === 'cancel') {
    const denied = { error: 'access_denied', error_description: 'End-User cancelled' };
    await provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    return;
  }
  const accountId = (form.get('username') ?? '').trim().toLowerCase();
  if (!Object.hasOwn(ACCOUNTS, accountId)) {
    send(signInForm(details.uid, `No such user: ${accountId || '(empty)'}`));
    return;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const result = {
    select_account: {},
    login: { accountId },
    consent: { grantId: await grant.save() },
  };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const handle = provider.callback();
const server = createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      console.error('interaction failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${error.message}`);
    });
    return;
  }
  handle(req, res);
});

server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
// Everything lives in memory: on a signal there is nothing to save, so end at once.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
