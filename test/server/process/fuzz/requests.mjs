// Requests to every endpoint of `natter serve`, as fast-check arbitraries of `{ method, target, headers, body, kind }`
// (byte strings for the raw client, raw-http.mjs). `refusedRequest` makes only requests that must change nothing:
// reads, and writes each broken in a way the server must refuse; `oddRequest` makes writes that may well be
// accepted, with hostile text in every field.
import fc from 'fast-check';
import { utf8Bytes } from '../raw-http.mjs';
import { describe } from './describe.mjs';
import {
  hostileJsonValue,
  hostileQuery,
  hostileString,
  inUrl,
  notAnObject,
  oversizedBody,
  percentEncoded,
  traversalPath,
  withInvalidUtf8,
} from './hostile-values.mjs';

/** A header value or URL part holding this is an injection attempt: no answer may carry it in a header. */
export const injectionCanary = 'natter-injected';

/** Ids of the right form that no comment, mention or rule has; and ids of the wrong form. */
const unknownId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{16}$/),
  hostileString.map((value) => percentEncoded(value)),
  fc.constantFrom('', '..', '%2e%2e', 'x'.repeat(2_000), '0', '-1', '1e9', 'null', 'undefined'),
);

const jsonType = 'application/json';
const formType = 'application/x-www-form-urlencoded';

/** Content types a JSON or form endpoint must refuse (none, too, counts). */
const wrongTypes = [
  undefined,
  'text/plain',
  'text/json',
  'application/jsonx',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  'application/xml',
  '*/*',
];

/** Builds the request record: a body (bytes or text) gets its own Content-Type when `type` is given. */
function request(method, target, { body, type, headers = [], kind = 'json', what }) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all = [...headers];
  if (type !== undefined) all.push(['Content-Type', type]);
  const made = { method, target, headers: all, body: bytes, kind, what };
  // fast-check prints a failing request this way, not as megabytes of body.
  return Object.assign(made, { [fc.toStringMethod]: () => describe(made) });
}

/**
 * A JSON write broken one way: a content type other than JSON, bytes that are not UTF-8, text that is not one
 * object, or a body over the limit.
 */
function brokenJsonWrite(method, target, validBody, { headers = [], limits, what }) {
  return fc.oneof(
    fc
      .tuple(validBody, fc.constantFrom(...wrongTypes))
      .map(([body, type]) =>
        request(method, target, { body, type, headers, what: `${what}: content type ${type}` }),
      ),
    validBody
      .chain((body) => withInvalidUtf8(body))
      .map((body) => request(method, target, { body, type: jsonType, headers, what: `${what}: not UTF-8` })),
    notAnObject.map((body) =>
      request(method, target, { body, type: jsonType, headers, what: `${what}: not an object` }),
    ),
    oversizedBody(limits.maxBodyBytes, limits.largestBody).map((body) =>
      request(method, target, { body, type: jsonType, headers, what: `${what}: too large` }),
    ),
  );
}

const newComment = fc
  .record({
    thread: hostileString.map((key) => `/${key}`),
    name: hostileString,
    text: hostileString,
    email: fc.option(hostileString, { nil: undefined }),
    url: fc.option(hostileString, { nil: undefined }),
    parent: fc.option(hostileString, { nil: undefined }),
  })
  .map((comment) => JSON.stringify(comment));

/** A comment whose `text` is of a JSON type other than a string: 400 whatever else it holds. */
const wronglyTypedComment = fc
  .tuple(
    newComment,
    fc.oneof(fc.constantFrom(1, true, null, [], {}), fc.array(hostileJsonValue, { maxLength: 2 })),
  )
  .map(([text, wrong]) => JSON.stringify({ ...JSON.parse(text), text: wrong }));

/** Any JSON object with hostile keys and values, or one of the shapes a route takes. */
const anyObject = fc
  .dictionary(hostileString, hostileJsonValue, { maxKeys: 5 })
  .map((object) => JSON.stringify(object));

/** A form body of hostile pairs, and the given ones. */
const formOf = (pairs) =>
  fc
    .tuple(fc.array(fc.tuple(hostileString, hostileString), { maxLength: 3 }), pairs)
    .map(([extra, fixed]) => new URLSearchParams([...fixed, ...extra]).toString());

const headersFor = (context, { cookie = false, csrf } = {}) => [
  ['Host', `127.0.0.1:${context.port}`],
  ['Connection', 'close'],
  ...(cookie ? [['Cookie', context.session.cookie]] : []),
  ...(csrf ? [['X-Natter-CSRF', csrf]] : []),
];

/** GETs of every read route with hostile queries and ids; HEAD now and then. */
function reads(context) {
  const plain = headersFor(context);
  const signedIn = headersFor(context, { cookie: true });
  const routes = [
    ['/api/v1/comments', 'json', plain],
    ['/api/v1/counts', 'json', plain],
    ['/api/v1/form-token', 'json', plain],
    ['/api/v1/feed.atom', 'json', plain],
    ['/api/v1/references', 'json', plain],
    ['/api/v1/stream', 'json', plain],
    ['/thread', 'html', plain],
    ['/thread/embed', 'json', plain],
    ['/thread/thread.css', 'json', plain],
    ['/notifications/confirm', 'html', plain],
    ['/notifications/unsubscribe', 'html', plain],
    ['/healthz', 'json', plain],
    ['/', 'json', plain],
    ['/natter.js', 'json', plain],
    ['/count.js', 'json', plain],
    ['/admin/', 'json', plain],
    ['/admin/admin.js', 'json', plain],
    ['/admin/api/comments', 'json', signedIn],
    ['/admin/api/references', 'json', signedIn],
    ['/admin/api/threads', 'json', signedIn],
    ['/admin/api/site', 'json', signedIn],
    ['/admin/api/rules', 'json', signedIn],
    ['/admin/api/session', 'json', signedIn],
    ['/admin/api/comments', 'json', plain],
  ];
  const byId = [
    ['/api/v1/comments/', 'json', plain],
    ['/webmention/', 'json', plain],
    ['/admin/api/comments/', 'json', signedIn],
  ];
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...routes), hostileQuery, fc.constantFrom('GET', 'GET', 'GET', 'HEAD'))
      .map(([[path, kind, headers], query, method]) =>
        request(method, path + query, { headers, kind, what: `read ${path}` }),
      ),
    fc
      .tuple(
        fc.constantFrom(...byId),
        fc.oneof(unknownId, fc.constantFrom(...context.commentIds)),
        hostileQuery,
      )
      .map(([[path, kind, headers], id, query]) =>
        request('GET', path + id + query, { headers, kind, what: `read ${path}{id}` }),
      ),
    fc.tuple(fc.constantFrom(...context.commentIds), hostileString).map(([id, secret]) =>
      request('GET', `/api/v1/comments/${id}`, {
        headers: [...plain, ['Authorization', `Bearer ${utf8Bytes(secret).replace(/[\r\n]/g, '')}`]],
        what: 'read with a wrong secret',
      }),
    ),
  );
}

/** Writes of the public API, each refused: broken bodies, wrong secrets, ids no comment has. */
function publicWrites(context) {
  const { limits } = context;
  const plain = headersFor(context);
  const existing = fc.constantFrom(...context.commentIds);
  const wrongSecret = fc.oneof(
    fc.constant(undefined),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    hostileString.map((value) => utf8Bytes(value).replace(/[\r\n]/g, '')),
  );
  const withSecret = (secret) =>
    secret === undefined ? plain : [...plain, ['Authorization', `Bearer ${secret}`]];
  return fc.oneof(
    brokenJsonWrite('POST', '/api/v1/comments', newComment, { headers: plain, limits, what: 'post' }),
    wronglyTypedComment.map((body) =>
      request('POST', '/api/v1/comments', {
        body,
        type: jsonType,
        headers: plain,
        what: 'post: text not a string',
      }),
    ),
    fc
      .tuple(fc.oneof(existing, unknownId), wrongSecret, fc.oneof(anyObject, notAnObject))
      .map(([id, secret, body]) =>
        request('PATCH', `/api/v1/comments/${id}`, {
          body,
          type: jsonType,
          headers: withSecret(secret),
          what: 'edit, wrong secret',
        }),
      ),
    fc.tuple(fc.oneof(existing, unknownId), wrongSecret).map(([id, secret]) =>
      request('DELETE', `/api/v1/comments/${id}`, {
        headers: withSecret(secret),
        what: 'delete, wrong secret',
      }),
    ),
    fc
      .tuple(unknownId, fc.constantFrom('POST', 'DELETE'))
      .map(([id, method]) =>
        request(method, `/api/v1/comments/${id}/likes`, { headers: plain, what: 'like, no such comment' }),
      ),
    fc
      .tuple(existing, fc.oneof(anyObject, notAnObject))
      .filter(([, body]) => !/"reason"\s*:\s*"(spam|abuse|off_topic)"/.test(body))
      .map(([id, body]) =>
        request('POST', `/api/v1/comments/${id}/reports`, {
          body,
          type: jsonType,
          headers: plain,
          what: 'report, bad body',
        }),
      ),
    brokenJsonWrite('POST', '/api/v1/comments/x/reports', fc.constant('{"reason":"spam"}'), {
      headers: plain,
      limits,
      what: 'report',
    }),
  );
}

/** Webmentions and Pingbacks that must be refused: targets elsewhere, broken forms and calls, XML bombs. */
function mentions(context) {
  const { limits } = context;
  const plain = headersFor(context);
  const elsewhere = fc.oneof(
    fc.constantFrom('https://elsewhere.example/post', 'http://127.0.0.2/', 'javascript:alert(1)', ''),
    hostileString,
  );
  const source = fc.oneof(fc.constantFrom('http://10.0.0.1/a', 'https://source.example/p'), hostileString);
  const xmlCall = (method, parameters) =>
    `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${parameters
      .map((value) => `<param><value><string>${value}</string></value></param>`)
      .join('')}</params></methodCall>`;
  const bombs = [
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><methodCall><methodName>&e;</methodName></methodCall>',
    `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, index) => `<!ENTITY ${'b'.repeat(index + 1)} "${`&${index === 0 ? 'a' : 'b'.repeat(index)};`.repeat(10)}">`).join('')}]><methodCall><methodName>&bbbbbbbbb;</methodName></methodCall>`,
    `<?xml version="1.0"?>${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}`,
    '<methodCall><methodName>pingback.ping</methodName><params><param><value><string>a',
    '',
    '\u0000\u0000',
  ];
  return fc.oneof(
    fc
      .tuple(source, elsewhere)
      .chain(([s, t]) =>
        formOf(
          fc.constant([
            ['source', s],
            ['target', t],
          ]),
        ),
      )
      .map((body) =>
        request('POST', '/webmention', {
          body,
          type: formType,
          headers: plain,
          what: 'webmention, target elsewhere',
        }),
      ),
    fc
      .tuple(
        fc.constantFrom(...wrongTypes),
        fc.constant(`source=http%3A%2F%2F10.0.0.1%2F&target=${encodeURIComponent(context.origin)}%2Fpost`),
      )
      .map(([type, body]) =>
        request('POST', '/webmention', { body, type, headers: plain, what: `webmention, type ${type}` }),
      ),
    withInvalidUtf8(
      `source=http%3A%2F%2F10.0.0.1%2F&target=${encodeURIComponent(context.origin)}%2Fpost`,
    ).map((body) =>
      request('POST', '/webmention', { body, type: formType, headers: plain, what: 'webmention, not UTF-8' }),
    ),
    oversizedBody(limits.maxBodyBytes, limits.largestBody).map((body) =>
      request('POST', '/webmention', { body, type: formType, headers: plain, what: 'webmention, too large' }),
    ),
    fc
      .tuple(
        fc.constantFrom('pingback.ping', 'system.listMethods', '', '__proto__'),
        fc.array(fc.oneof(source, elsewhere), { maxLength: 3 }),
      )
      .filter(
        ([method, parameters]) =>
          method !== 'pingback.ping' || parameters.length !== 2 || !parameters[1].startsWith(context.origin),
      )
      .map(([method, parameters]) =>
        request('POST', '/xmlrpc', {
          body: xmlCall(
            method,
            parameters.map((value) => value.replace(/[<&]/g, '')),
          ),
          type: 'text/xml',
          headers: plain,
          kind: 'xml',
          what: 'pingback, refused',
        }),
      ),
    fc.constantFrom(...bombs).map((body) =>
      request('POST', '/xmlrpc', {
        body,
        type: 'text/xml',
        headers: plain,
        kind: 'xml',
        what: 'pingback, hostile XML',
      }),
    ),
    oversizedBody(limits.maxBodyBytes, limits.largestBody).map((body) =>
      request('POST', '/xmlrpc', {
        body,
        type: 'text/xml',
        headers: plain,
        kind: 'xml',
        what: 'pingback, too large',
      }),
    ),
  );
}

/** Posts of the thread page's form (comments without JavaScript), each refused; and notification links. */
function pageForms(context) {
  const { limits } = context;
  const plain = headersFor(context);
  const fields = fc.record({
    thread: hostileString.map((key) => `/${key}`),
    name: hostileString,
    text: hostileString,
  });
  const pairs = fields.map(({ thread, name, text }) => [
    ['thread', thread],
    ['name', name],
    ['text', text],
  ]);
  return fc.oneof(
    fc
      .tuple(
        formOf(pairs),
        fc.constantFrom('https://evil.example', 'null', `http://127.0.0.1:${context.port + 1}`),
      )
      .map(([body, origin]) =>
        request('POST', '/thread', {
          body,
          type: formType,
          headers: [...plain, ['Origin', origin]],
          kind: 'html',
          what: 'form from another origin',
        }),
      ),
    formOf(pairs.map((list) => [...list, ['return', 'https://evil.example/']])).map((body) =>
      request('POST', '/thread', {
        body,
        type: formType,
        headers: plain,
        kind: 'html',
        what: 'form returning elsewhere',
      }),
    ),
    formOf(pairs.map((list) => list.map(([name, value]) => [name, name === 'text' ? '' : value]))).map(
      (body) =>
        request('POST', '/thread', {
          body,
          type: formType,
          headers: plain,
          kind: 'html',
          what: 'form without text',
        }),
    ),
    fc
      .tuple(formOf(pairs), fc.constantFrom(...wrongTypes, jsonType))
      .map(([body, type]) =>
        request('POST', '/thread', { body, type, headers: plain, kind: 'html', what: `form as ${type}` }),
      ),
    oversizedBody(limits.maxBodyBytes, limits.largestBody).map((body) =>
      request('POST', '/thread', {
        body,
        type: formType,
        headers: plain,
        kind: 'html',
        what: 'form too large',
      }),
    ),
    fc
      .tuple(fc.constantFrom('/notifications/unsubscribe', '/notifications/confirm'), hostileQuery)
      .map(([path, query]) =>
        request('POST', path + query, { headers: plain, kind: 'html', what: `POST ${path}` }),
      ),
  );
}

/** The admin API: signed out, every route; signed in, writes without the CSRF token or with broken bodies. */
function admin(context) {
  const { limits } = context;
  const signedOut = headersFor(context);
  const noToken = headersFor(context, { cookie: true });
  const wrongToken = headersFor(context, { cookie: true, csrf: 'A'.repeat(43) });
  const withToken = headersFor(context, { cookie: true, csrf: context.session.csrf });
  const writes = [
    ['PATCH', '/admin/api/comments/{id}'],
    ['POST', '/admin/api/comments/bulk'],
    ['POST', '/admin/api/comments/{id}/approve'],
    ['POST', '/admin/api/comments/{id}/delete'],
    ['PATCH', '/admin/api/threads'],
    ['PATCH', '/admin/api/site'],
    ['POST', '/admin/api/rules'],
    ['DELETE', '/admin/api/rules/{id}'],
    ['PATCH', '/admin/api/references/{id}'],
    ['POST', '/admin/api/logout'],
  ];
  const bodyRoutes = writes.filter(
    ([method, path]) => method !== 'DELETE' && !/logout|approve|delete$/.test(path),
  );
  const existing = fc.constantFrom(...context.commentIds);
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...writes),
        existing,
        fc.constantFrom(signedOut, noToken, wrongToken),
        fc.option(anyObject, { nil: undefined }),
      )
      .map(([[method, path], id, headers, body]) =>
        request(method, path.replace('{id}', id), {
          body,
          type: body && jsonType,
          headers,
          what: `admin ${method} ${path} unauthorised`,
        }),
      ),
    fc.tuple(fc.constantFrom(...bodyRoutes), existing).chain(([[method, path], id]) =>
      brokenJsonWrite(method, path.replace('{id}', id), anyObject, {
        headers: withToken,
        limits,
        what: `admin ${method} ${path}`,
      }),
    ),
    fc
      .tuple(fc.constantFrom('approve', 'spam', 'delete', 'restore', 'publish', '__proto__'), unknownId)
      .map(([action, id]) =>
        request('POST', `/admin/api/comments/${id}/${action}`, {
          headers: withToken,
          what: 'admin action, no such comment',
        }),
      ),
    fc
      .tuple(fc.oneof(anyObject, notAnObject), fc.constantFrom(undefined, jsonType, 'text/plain'))
      .filter(([body]) => !body.includes('"password"'))
      .map(([body, type]) =>
        request('POST', '/admin/api/login', { body, type, headers: signedOut, what: 'sign-in, no password' }),
      ),
    hostileString.map((password) =>
      request('POST', '/admin/api/login', {
        body: JSON.stringify({ password: `${password}!` }),
        type: jsonType,
        headers: [...signedOut, ['Sec-Fetch-Site', 'same-origin']],
        what: 'sign-in, wrong password',
      }),
    ),
  );
}

const methods = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'get',
  'GeT',
  'M'.repeat(200),
];
const knownPaths = [
  '/api/v1/comments',
  '/api/v1/comments/{unknown}',
  '/api/v1/comments/{unknown}/likes',
  '/api/v1/counts',
  '/api/v1/feed.atom',
  '/api/v1/stream',
  '/api/v1/references',
  '/api/v1/form-token',
  '/webmention',
  '/xmlrpc',
  '/thread',
  '/thread/embed',
  '/notifications/confirm',
  '/healthz',
  '/natter.js',
  '/admin',
  '/admin/',
  '/admin/api/login',
  '/admin/api/rules/{unknown}',
  '/admin/api/comments/{unknown}/approve',
  '/',
  '/nowhere',
];

/** Every method on every path, without a body or with one of no particular kind. */
const wrongMethods = (context) =>
  fc
    .tuple(
      fc.constantFrom(...methods),
      fc.constantFrom(...knownPaths),
      unknownId,
      fc.option(anyObject, { nil: undefined }),
      fc.boolean(),
    )
    .map(([method, path, id, body, withCookie]) =>
      request(method, path.replace('{unknown}', id), {
        body,
        type: body && jsonType,
        headers: headersFor(context, { cookie: withCookie }),
        kind: /^\/(thread$|notifications)/.test(path)
          ? 'html'
          : /^\/xmlrpc/.test(path) && method === 'POST'
            ? 'xml'
            : 'json',
        what: `${method} ${path}`,
      }),
    );

/** Header values with CR, LF and NUL, smuggling pairs, a forged Host and forwarding headers nobody trusts. */
function injections(context) {
  const base = [['Connection', 'close']];
  const evil = [
    [['Host', `127.0.0.1:${context.port}\r\nX-Natter-Injected: 1`]],
    [['Host', `${injectionCanary}.example`]],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Origin', `http://${injectionCanary}.example\r\nSet-Cookie: ${injectionCanary}=1`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Forwarded-Host', `${injectionCanary}.example`],
      ['X-Forwarded-Proto', 'https'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Forwarded-For', `1.2.3.4\r\nX-Natter-Injected: 1`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Test', `a\nX-Natter-Injected: 1`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Test', `a\rX-Natter-Injected: 1`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Test', 'a\u0000b'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['X-Test', 'a\r\n folded'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Bad Name', 'x'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Host', 'twice.example'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Content-Length', '5'],
      ['Transfer-Encoding', 'chunked'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Content-Length', '5'],
      ['Content-Length', '6'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Transfer-Encoding', 'chunked, identity'],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Accept-Encoding', `br;q=${'9'.repeat(4_000)}, gzip;q=NaN, *;q=-1`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['If-None-Match', `"${'x'.repeat(6_000)}", W/"", *`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Accept-Language', `${'x-'.repeat(3_000)}en;q=2`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Cookie', `natter_admin=${'%'.repeat(4_000)}`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Authorization', `Bearer ${'\u00ff'.repeat(100)}`],
    ],
    [
      ['Host', `127.0.0.1:${context.port}`],
      ['Content-Type', `application/json; charset="utf-8\r\nX-Natter-Injected: 1"`],
    ],
  ];
  const reflected = [
    '/api/v1/comments?thread=%2Fa%0d%0aSet-Cookie:%20natter-injected=1',
    `/thread?url=${encodeURIComponent(`${context.origin}/a\r\nX-Natter-Injected: 1`)}`,
    `/thread?thread=%2Fa&lang=en%0d%0aX-Natter-Injected:%201`,
    '/api/v1/feed.atom?thread=%2F%0d%0aX-Natter-Injected:%201',
    '/admin%0d%0aX-Natter-Injected:%201',
    '/natter.js%0d%0aX-Natter-Injected:%201',
  ];
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...evil),
        fc.constantFrom(
          '/api/v1/comments?thread=%2Fa',
          '/thread?thread=%2Fa',
          '/healthz',
          '/api/v1/feed.atom',
          '/admin/api/session',
        ),
      )
      .map(([headers, target]) =>
        request('GET', target, { headers: [...base, ...headers], what: 'injected headers' }),
      ),
    fc.constantFrom(...reflected).map((target) =>
      request('GET', target, {
        headers: headersFor(context),
        kind: target.startsWith('/thread?') ? 'html' : 'json',
        what: 'encoded CR LF',
      }),
    ),
    fc
      .tuple(traversalPath, fc.constantFrom('GET', 'HEAD'))
      .map(([target, method]) =>
        request(method, target, { headers: headersFor(context), what: 'traversal' }),
      ),
    fc
      .tuple(fc.constantFrom('/', '/admin/', '/thread/'), hostileString, fc.constantFrom('encoded', 'raw'))
      .chain(([prefix, name, how]) =>
        inUrl(name).map((part) => [prefix, how === 'encoded' ? percentEncoded(name) : part]),
      )
      .map(([prefix, part]) =>
        request('GET', prefix + part, { headers: headersFor(context), what: 'odd path' }),
      ),
  );
}

/** Every request that must leave the stored data as it was. */
export function refusedRequest(context) {
  return fc.oneof(
    { weight: 4, arbitrary: reads(context) },
    { weight: 4, arbitrary: publicWrites(context) },
    { weight: 2, arbitrary: mentions(context) },
    { weight: 2, arbitrary: pageForms(context) },
    { weight: 3, arbitrary: admin(context) },
    { weight: 2, arbitrary: wrongMethods(context) },
    { weight: 2, arbitrary: injections(context) },
  );
}

/** Writes that may be taken, their fields hostile: comments, the form, Webmentions from private addresses. */
export function oddRequest(context) {
  const plain = headersFor(context);
  const privateSource = fc
    .tuple(
      fc.constantFrom('http://10.0.0.1/', 'http://127.0.0.1:9/', 'http://[::1]/', 'http://192.168.0.1/'),
      hostileString,
    )
    .map(([base, path]) => base + percentEncoded(path));
  return fc.oneof(
    newComment.map((body) =>
      request('POST', '/api/v1/comments', { body, type: jsonType, headers: plain, what: 'post' }),
    ),
    fc
      .record({ thread: hostileString.map((key) => `/${key}`), name: hostileString, text: hostileString })
      .chain(({ thread, name, text }) =>
        formOf(
          fc.constant([
            ['thread', thread],
            ['name', name],
            ['text', text],
          ]),
        ),
      )
      .map((body) =>
        request('POST', '/thread', {
          body,
          type: formType,
          headers: [...plain, ['Origin', context.origin]],
          kind: 'html',
          what: 'form',
        }),
      ),
    fc
      .tuple(privateSource, hostileString)
      .map(([source, path]) =>
        new URLSearchParams({ source, target: `${context.origin}/${path}` }).toString(),
      )
      .map((body) =>
        request('POST', '/webmention', { body, type: formType, headers: plain, what: 'webmention' }),
      ),
  );
}
