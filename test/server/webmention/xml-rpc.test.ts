// The XML-RPC of Pingback: what natter writes reads back the same, in its own reader and in another XML parser;
// what it reads is XML-RPC of strings, and nothing that could make a parser fetch or expand anything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import {
  faultResponse,
  maxXmlRpcLength,
  methodCall,
  methodResponse,
  parseMethodCall,
  parseMethodResponse,
  pingbackFault,
  XmlRpcError,
  type XmlRpcErrorReason,
} from '../../../src/server/webmention/xml-rpc.js';

/** Asserts that `read` throws an XmlRpcError for `reason`. */
function assertRefused(read: () => unknown, reason: XmlRpcErrorReason) {
  assert.throws(read, (error) => error instanceof XmlRpcError && error.reason === reason);
}

/** A methodCall of pingback.ping whose params element holds `params` as written. */
const pingWith = (params: string) =>
  `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>${params}</params></methodCall>`;

/** Text no naive writer of XML survives: markup, a CDATA end, CR and LF, controls, lone surrogates, emoji. */
const hostile = [
  '</string></value></param><param><value><string>injected',
  '<![CDATA[ ]]> ]]> &amp; &lt;script&gt; & <b>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  'line one\r\nline two\rline three\n\ttabbed',
  '"quotes" and \'apostrophes\'',
  'emoji 👋🏽 and combining e\u0301 and RTL \u202Eevil',
];

describe('XML-RPC of Pingback', () => {
  it('reads back a pingback.ping call it wrote', () => {
    const source = 'https://a.example/post?x=1&y=<2>';
    const target = 'https://b.example/2026/11/';
    assert.deepEqual(parseMethodCall(methodCall('pingback.ping', [source, target])), {
      method: 'pingback.ping',
      params: [source, target],
    });
    assert.deepEqual(parseMethodCall(methodCall('system.listMethods', [])), {
      method: 'system.listMethods',
      params: [],
    });
  });

  it('reads back answers and faults it wrote', () => {
    assert.deepEqual(parseMethodResponse(methodResponse('Pingback registered. Thanks!')), {
      value: 'Pingback registered. Thanks!',
    });
    assert.deepEqual(parseMethodResponse(faultResponse(pingbackFault.noLinkToTarget, 'no link & no luck')), {
      fault: { code: 17, message: 'no link & no luck' },
    });
    assert.deepEqual(parseMethodResponse(faultResponse(-32700, 'parse error')), {
      fault: { code: -32700, message: 'parse error' },
    });
  });

  it('writes hostile text as text: the same string back, and a document another parser reads', () => {
    for (const text of hostile) {
      assert.deepEqual(parseMethodCall(methodCall('pingback.ping', [text, 'x'])).params, [text, 'x']);
      assert.deepEqual(parseMethodResponse(methodResponse(text)), { value: text });
      const fault = faultResponse(pingbackFault.generic, text);
      assert.deepEqual(parseMethodResponse(fault), { fault: { code: 0, message: text } });
      // A strict reader (errors and warnings fatal) finds one fault struct of two members: nothing was injected.
      const document = new DOMParser({
        onError: (level, message) => {
          throw new Error(`${level}: ${message}`);
        },
      }).parseFromString(fault, 'text/xml');
      assert.equal(document.getElementsByTagName('member').length, 2);
      assert.equal(document.getElementsByTagName('string').length, 1);
    }
  });

  it('writes characters XML cannot hold as U+FFFD, so that the document stays well-formed', () => {
    const text = 'nul\u0000 bell\u0007 lone\ud800 high\udfff noncharacter\uffff';
    assert.deepEqual(parseMethodResponse(methodResponse(text)), {
      value: 'nul\ufffd bell\ufffd lone\ufffd high\ufffd noncharacter\ufffd',
    });
  });

  it('names the Pingback 1.0 fault codes', () => {
    assert.deepEqual(pingbackFault, {
      generic: 0,
      sourceNotFound: 16,
      noLinkToTarget: 17,
      targetNotFound: 32,
      targetNotPingable: 33,
      alreadyRegistered: 48,
      accessDenied: 49,
      upstreamError: 50,
    });
    assert.throws(() => faultResponse(1.5, 'half'), RangeError);
    assert.throws(() => faultResponse(2 ** 40, 'too big'), RangeError);
  });

  it('reads calls and answers as other servers write them: untyped values, whitespace, CDATA, i4 codes', () => {
    const call = `<?xml version="1.0" encoding="UTF-8"?>
      <methodCall>
        <methodName> pingback.ping </methodName>
        <params>
          <param><value>https://a.example/untyped</value></param>
          <param>
            <value>
              <string><![CDATA[https://b.example/?a=1&b=2]]></string>
            </value>
          </param>
        </params>
      </methodCall>`;
    assert.deepEqual(parseMethodCall(call), {
      method: 'pingback.ping',
      params: ['https://a.example/untyped', 'https://b.example/?a=1&b=2'],
    });
    const fault = `<methodResponse><fault><value><struct>
        <member><name>faultString</name><value>The source URI does not exist.</value></member>
        <member><name>faultCode</name><value><i4>16</i4></value></member>
      </struct></value></fault></methodResponse>`;
    assert.deepEqual(parseMethodResponse(fault), {
      fault: { code: 16, message: 'The source URI does not exist.' },
    });
    const untypedCode = fault.replace('<i4>16</i4>', ' 33 ');
    assert.deepEqual(parseMethodResponse(untypedCode), {
      fault: { code: 33, message: 'The source URI does not exist.' },
    });
  });

  it('refuses a document type declaration and entities unread: no XXE, no billion laughs', () => {
    const external = `<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <methodCall><methodName>pingback.ping</methodName><params>
      <param><value><string>&xxe;</string></value></param></params></methodCall>`;
    assertRefused(() => parseMethodCall(external), 'declarations');
    const laughs = [
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`,
      ),
      ']><methodResponse><params><param><value>&lol9;</value></param></params></methodResponse>',
    ].join('');
    assertRefused(() => parseMethodResponse(laughs), 'declarations');
    assertRefused(() => parseMethodResponse('<!doctype methodResponse><methodResponse/>'), 'declarations');
    // Without a declaration, an entity is undefined: an error, never left in the text.
    assertRefused(() => parseMethodCall(pingWith('<param><value>&xxe;</value></param>')), 'not_well_formed');
  });

  it('refuses a document longer than the limit before parsing it', () => {
    const padding = ' '.repeat(maxXmlRpcLength);
    assertRefused(() => parseMethodCall(pingWith(`<param><value>a</value></param>${padding}`)), 'too_large');
    assert.equal(parseMethodCall(pingWith(' '.repeat(1000))).method, 'pingback.ping');
  });

  it('refuses what is not well-formed', () => {
    for (const xml of [
      '',
      'pingback.ping(a, b)',
      '<methodCall><methodName>pingback.ping</methodName>',
      '<methodCall><methodName>a</methodCall></methodName>',
      '<methodCall/><methodCall/>',
    ]) {
      assertRefused(() => parseMethodCall(xml), 'not_well_formed');
    }
  });

  it('refuses well-formed XML that is not a method call of strings', () => {
    assertRefused(() => parseMethodCall('<methodResponse/>'), 'not_xml_rpc');
    assertRefused(() => parseMethodCall('<methodCall><params/></methodCall>'), 'not_xml_rpc');
    assertRefused(
      () => parseMethodCall('<methodCall><methodName>bad name!</methodName></methodCall>'),
      'not_xml_rpc',
    );
    assertRefused(
      () => parseMethodCall('<methodCall><methodName>a</methodName><params/><extra/></methodCall>'),
      'not_xml_rpc',
    );
    assertRefused(
      () => parseMethodCall(pingWith('stray text<param><value>a</value></param>')),
      'not_xml_rpc',
    );
    assertRefused(
      () => parseMethodCall(pingWith('<param><value>a</value><value>b</value></param>')),
      'not_xml_rpc',
    );
    assertRefused(() => parseMethodCall(pingWith('<value>a</value>')), 'not_xml_rpc');
    assertRefused(
      () => parseMethodCall(pingWith('<param><value><int>4</int></value></param>')),
      'not_a_string',
    );
    assertRefused(
      () => parseMethodCall(pingWith('<param><value><struct><member/></struct></value></param>')),
      'not_a_string',
    );
    assertRefused(
      () => parseMethodCall(pingWith('<param><value><string><b>bold</b></string></value></param>')),
      'not_xml_rpc',
    );
  });

  it('refuses answers that are neither one value nor a fault of a code and a message', () => {
    assertRefused(() => parseMethodResponse('<methodCall/>'), 'not_xml_rpc');
    assertRefused(() => parseMethodResponse('<methodResponse/>'), 'not_xml_rpc');
    assertRefused(() => parseMethodResponse('<methodResponse><params/></methodResponse>'), 'not_xml_rpc');
    assertRefused(
      () =>
        parseMethodResponse(
          '<methodResponse><params><param><value><i4>1</i4></value></param></params></methodResponse>',
        ),
      'not_a_string',
    );
    const faultWith = (members: string) =>
      `<methodResponse><fault><value><struct>${members}</struct></value></fault></methodResponse>`;
    const member = (name: string, value: string) =>
      `<member><name>${name}</name><value>${value}</value></member>`;
    assertRefused(() => parseMethodResponse(faultWith(member('faultString', 'no code'))), 'not_xml_rpc');
    assertRefused(
      () =>
        parseMethodResponse(
          faultWith(member('faultCode', '<int>sixteen</int>') + member('faultString', 'x')),
        ),
      'not_xml_rpc',
    );
    assertRefused(
      () =>
        parseMethodResponse(
          faultWith(member('faultCode', '<double>1.5</double>') + member('faultString', 'x')),
        ),
      'not_xml_rpc',
    );
  });
});
