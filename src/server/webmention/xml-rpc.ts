import { DOMParser, Node, type Element } from '@xmldom/xmldom';

/**
 * The XML-RPC that Pingback 1.0 speaks (http://xmlrpc.com/spec.md): a method call whose parameters are strings,
 * and an answer that is one string or a fault. Both directions: the server reads `pingback.ping` and answers it,
 * `natter webmention send` calls it and reads the answer.
 */

export { pingbackFault } from './pingback-faults.js';

/**
 * The longest XML-RPC document read, in characters. A pingback is two URLs in a few hundred bytes of markup; this
 * leaves room for long URLs and verbose servers while keeping a hostile body from costing much to parse.
 */
export const maxXmlRpcLength = 64 * 1024;

/** Why a document is not XML-RPC this module reads. */
export type XmlRpcErrorReason =
  /** Longer than `maxXmlRpcLength`. */
  | 'too_large'
  /** A document type declaration, and with it entities: refused unread (XXE, billion laughs). */
  | 'declarations'
  /** Not well-formed XML. */
  | 'not_well_formed'
  /** Well-formed XML, but not the XML-RPC element expected (methodCall, methodResponse) in its shape. */
  | 'not_xml_rpc'
  /** A parameter or answer that is not a string (an int, a struct…): Pingback passes strings only. */
  | 'not_a_string';

/** An XML-RPC document that could not be read, and why. */
export class XmlRpcError extends Error {
  override name = 'XmlRpcError';

  constructor(
    readonly reason: XmlRpcErrorReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A method call: `pingback.ping` and its source and target. */
export interface MethodCall {
  method: string;
  params: string[];
}

/** A method's answer: its value, or a fault. */
export type MethodResponse = { value: string } | { fault: { code: number; message: string } };

/** Reads a `<methodCall>` whose parameters are all strings; throws an `XmlRpcError` for anything else. */
export function parseMethodCall(xml: string): MethodCall {
  const root = parseDocument(xml, 'methodCall');
  const [nameElement, paramsElement, ...rest] = childElements(root);
  if (nameElement?.tagName !== 'methodName') {
    throw new XmlRpcError('not_xml_rpc', 'a methodCall starts with its methodName');
  }
  if (rest.length > 0 || (paramsElement && paramsElement.tagName !== 'params')) {
    throw new XmlRpcError('not_xml_rpc', 'a methodCall holds a methodName and params, nothing else');
  }
  const method = leafText(nameElement).trim();
  // The specification's characters of a method name; a name of other characters is no call to answer.
  if (!/^[A-Za-z0-9_.:/]+$/.test(method)) {
    throw new XmlRpcError('not_xml_rpc', 'the methodName is empty or holds characters a method name cannot');
  }
  const params = paramsElement ? childElements(paramsElement).map(paramValue) : [];
  return { method, params };
}

/** Reads a `<methodResponse>`: its one string value, or its fault's code and message. */
export function parseMethodResponse(xml: string): MethodResponse {
  const root = parseDocument(xml, 'methodResponse');
  const [answer, ...rest] = childElements(root);
  if (!answer || rest.length > 0) {
    throw new XmlRpcError('not_xml_rpc', 'a methodResponse holds params or a fault');
  }
  if (answer.tagName === 'params') {
    const params = childElements(answer);
    const [param] = params;
    if (!param || params.length > 1) {
      throw new XmlRpcError('not_xml_rpc', 'a methodResponse answers with one param');
    }
    return { value: paramValue(param) };
  }
  if (answer.tagName === 'fault') return { fault: faultOf(answer) };
  throw new XmlRpcError('not_xml_rpc', `a methodResponse holds params or a fault, not ${answer.tagName}`);
}

/** A `<methodCall>` of `method` with string parameters. */
export function methodCall(method: string, params: readonly string[]): string {
  const values = params.map((param) => `<param>${stringValue(param)}</param>`).join('');
  return `${declaration}<methodCall><methodName>${escapeText(method)}</methodName><params>${values}</params></methodCall>\n`;
}

/** A `<methodResponse>` answering with the string `value`. */
export function methodResponse(value: string): string {
  return `${declaration}<methodResponse><params><param>${stringValue(value)}</param></params></methodResponse>\n`;
}

/** A `<methodResponse>` holding a fault: `code` (a whole number, such as a `pingbackFault`) and `message`. */
export function faultResponse(code: number, message: string): string {
  if (!Number.isSafeInteger(code) || Math.abs(code) > 2 ** 31 - 1) {
    throw new RangeError(`an XML-RPC fault code is a 32-bit whole number, not ${code}`);
  }
  const members =
    `<member><name>faultCode</name><value><int>${code}</int></value></member>` +
    `<member><name>faultString</name>${stringValue(message)}</member>`;
  return `${declaration}<methodResponse><fault><value><struct>${members}</struct></value></fault></methodResponse>\n`;
}

const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

function stringValue(text: string): string {
  return `<value><string>${escapeText(text)}</string></value>`;
}

/**
 * `text` as XML character data. Markup characters become references, and so does CR, which a parser would
 * otherwise read as a line feed; characters XML 1.0 cannot hold at all, not even as references (most control
 * characters, lone surrogates, U+FFFE and U+FFFF), become U+FFFD, so that hostile text still makes a document.
 */
function escapeText(text: string): string {
  return text
    .replace(/[&<>\r]/g, (character) => textReferences[character] ?? character)
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd');
}

const textReferences: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/**
 * The document element of `xml`, which must be `rootName`. Refuses what is too long to read and any document type
 * declaration before parsing (entities exist only inside one), and stops at the parser's first error (an undefined
 * entity is one that xmldom would otherwise only log). Its warnings are advice (U+FFFD in the text, which
 * `escapeText` itself writes) or its leniency about attributes, which XML-RPC has none of.
 */
function parseDocument(xml: string, rootName: string): Element {
  if (xml.length > maxXmlRpcLength) {
    throw new XmlRpcError('too_large', `an XML-RPC document is at most ${maxXmlRpcLength} characters`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlRpcError('declarations', 'XML-RPC takes no document type declaration or entities');
  }
  let root: Element | null;
  try {
    const parser = new DOMParser({
      locator: false,
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    });
    root = parser.parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    throw new XmlRpcError('not_well_formed', `not well-formed XML (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (root?.tagName !== rootName) {
    throw new XmlRpcError('not_xml_rpc', `expected a ${rootName}, not ${root?.tagName ?? 'nothing'}`);
  }
  return root;
}

/** The elements directly inside `element`; any text there but whitespace is not XML-RPC. */
function childElements(element: Element): Element[] {
  const elements: Element[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === Node.ELEMENT_NODE) elements.push(node as Element);
    else if (isText(node) && (node.nodeValue ?? '').trim() !== '') {
      throw new XmlRpcError('not_xml_rpc', `${element.tagName} holds text where elements belong`);
    }
  }
  return elements;
}

function hasElements(element: Element): boolean {
  return Array.from(element.childNodes).some((node) => node.nodeType === Node.ELEMENT_NODE);
}

function isText(node: Node): boolean {
  return node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE;
}

/** The string of a `<param>`: its one `<value>`, either untyped (a string, as the specification says) or `<string>`. */
function paramValue(param: Element): string {
  const [value, ...rest] = childElements(param);
  if (param.tagName !== 'param' || value?.tagName !== 'value' || rest.length > 0) {
    throw new XmlRpcError('not_xml_rpc', 'a param holds one value');
  }
  return valueString(value);
}

function valueString(value: Element): string {
  if (!hasElements(value)) return value.textContent ?? '';
  const [typed, ...rest] = childElements(value);
  if (typed?.tagName === 'string' && rest.length === 0) return leafText(typed);
  throw new XmlRpcError('not_a_string', `a value that is not a string (${typed?.tagName})`);
}

/** The text of an element that may hold no elements. */
function leafText(element: Element): string {
  if (hasElements(element)) {
    throw new XmlRpcError('not_xml_rpc', `${element.tagName} holds elements where text belongs`);
  }
  return element.textContent ?? '';
}

/** The code and message of a `<fault>`: a struct of faultCode (an int) and faultString (a string). */
function faultOf(fault: Element): { code: number; message: string } {
  const [value, ...rest] = childElements(fault);
  const [struct, ...more] = value?.tagName === 'value' ? childElements(value) : [];
  if (struct?.tagName !== 'struct' || rest.length > 0 || more.length > 0) {
    throw new XmlRpcError('not_xml_rpc', 'a fault holds one struct value');
  }
  const members = new Map<string, Element>();
  for (const member of childElements(struct)) {
    const [name, memberValue, ...extra] = childElements(member);
    if (
      member.tagName !== 'member' ||
      name?.tagName !== 'name' ||
      memberValue?.tagName !== 'value' ||
      extra.length
    ) {
      throw new XmlRpcError('not_xml_rpc', 'a struct member holds a name and a value');
    }
    members.set(leafText(name).trim(), memberValue);
  }
  const codeValue = members.get('faultCode');
  const messageValue = members.get('faultString');
  if (!codeValue || !messageValue) {
    throw new XmlRpcError('not_xml_rpc', 'a fault names its faultCode and faultString');
  }
  return { code: faultCode(codeValue), message: valueString(messageValue) };
}

/** A fault's code: an `<int>` or `<i4>` as the specification says (a few servers send it untyped, or as a string). */
function faultCode(value: Element): number {
  const [typed, ...rest] = hasElements(value) ? childElements(value) : [value];
  const isNumber =
    typed === value || (rest.length === 0 && ['int', 'i4', 'string'].includes(typed?.tagName ?? ''));
  const text = typed && isNumber ? leafText(typed).trim() : '';
  if (!/^[+-]?\d{1,10}$/.test(text)) throw new XmlRpcError('not_xml_rpc', 'a faultCode is a whole number');
  return Number(text);
}
