/* global window, document, crypto, TextEncoder, TextDecoder, atob, btoa, Blob, Response, DecompressionStream */
// The offline verifier's checks, with Web Crypto only (no library, no network): the issuer
// signature (ES256) with the key of the header's kid, every disclosure's digest in `_sd`
// (SD-JWT), issuer and type, validity, and the status bit in the embedded Token Status List.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('vartai-data').textContent);
  var lang = data.lang;
  var last = null;
  var lists = null;
  var $ = function (id) {
    return document.getElementById(id);
  };

  function t(key, values) {
    var s = (data.messages[lang] || {})[key] || data.messages.en[key] || key;
    Object.keys(values || {}).forEach(function (k) {
      s = s.split('{' + k + '}').join(values[k]);
    });
    return s;
  }

  function Failure(reason) {
    this.reason = reason;
  }

  function fromB64u(s) {
    if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s)) throw new Failure('malformed');
    var b = s.replace(/-/g, '+').replace(/_/g, '/');
    while (b.length % 4) b += '=';
    var bin = atob(b);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function toB64u(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function jsonOf(part, reason) {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromB64u(part)));
    } catch {
      throw new Failure(reason);
    }
  }

  /** A compact JWS signed with one of the embedded keys; the payload is read only after. */
  async function verifiedJws(jws) {
    var parts = jws.split('.');
    if (parts.length !== 3) throw new Failure('malformed');
    var header = jsonOf(parts[0], 'malformed');
    if (!header || header.alg !== 'ES256') throw new Failure('signature');
    var jwk = data.jwks.keys.filter(function (k) {
      return k.kid === header.kid;
    })[0];
    if (!jwk) throw new Failure('unknown-key');
    var key = await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    var signature;
    try {
      signature = fromB64u(parts[2]);
    } catch {
      throw new Failure('signature');
    }
    // Only the canonical spelling: base64url's last character has spare bits atob ignores.
    var ok =
      signature.length === 64 &&
      toB64u(signature) === parts[2] &&
      (await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature,
        new TextEncoder().encode(parts[0] + '.' + parts[1]),
      ));
    if (!ok) throw new Failure('signature');
    return { header: header, payload: jsonOf(parts[1], 'signature') };
  }

  async function inflate(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /** The embedded status lists, checked and unpacked once, by their URI (`sub`) and number. */
  async function statusLists() {
    if (lists) return lists;
    var found = {};
    for (var n of Object.keys(data.statusLists)) {
      try {
        var p = (await verifiedJws(data.statusLists[n])).payload;
        var list = { bits: p.status_list.bits, bytes: await inflate(fromB64u(p.status_list.lst)) };
        found['#' + n] = list;
        if (typeof p.sub === 'string') found[p.sub] = list;
      } catch {
        // A list that does not check out is left out: its credentials show status-unknown.
      }
    }
    lists = found;
    return found;
  }

  async function revoked(ref) {
    if (!ref || typeof ref.uri !== 'string' || typeof ref.idx !== 'number')
      throw new Failure('status-unknown');
    var all = await statusLists();
    var m = /\/(\d+)$/.exec(ref.uri);
    var list = all[ref.uri] || (m && all['#' + m[1]]);
    if (!list || [1, 2, 4, 8].indexOf(list.bits) < 0) throw new Failure('status-unknown');
    // IETF Token Status List: entry idx takes `bits` bits from bit idx*bits, least significant first.
    var bit = ref.idx * list.bits;
    var byte = list.bytes[bit >> 3];
    if (byte === undefined) throw new Failure('status-unknown');
    return ((byte >> (bit & 7)) & ((1 << list.bits) - 1)) !== 0;
  }

  async function digest(text) {
    var hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return toB64u(new Uint8Array(hash));
  }

  async function check(text) {
    var parts = text.split('~');
    if (parts.length < 2 || !parts[0]) throw new Failure('malformed');
    var jws = await verifiedJws(parts[0]);
    var payload = jws.payload;
    if (!payload || payload.iss !== data.issuer) throw new Failure('wrong-issuer');
    var typePrefix = data.issuer + '/credentials/types/';
    if (typeof payload.vct !== 'string' || payload.vct.indexOf(typePrefix) !== 0)
      throw new Failure('wrong-type');
    if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256')
      throw new Failure('malformed');
    var sd = Array.isArray(payload._sd) ? payload._sd : [];
    var claims = {};
    var seen = {};
    // The last part is empty, or a key binding JWT this verifier does not ask for.
    for (var d of parts.slice(1, -1)) {
      var h = await digest(d);
      if (sd.indexOf(h) < 0 || seen[h]) throw new Failure('disclosure');
      seen[h] = true;
      var arr = jsonOf(d, 'disclosure');
      var name = Array.isArray(arr) && arr.length === 3 ? arr[1] : null;
      if (typeof name !== 'string' || name === '_sd' || name === '...')
        throw new Failure('disclosure');
      if (Object.prototype.hasOwnProperty.call(claims, name)) throw new Failure('disclosure');
      if (Object.prototype.hasOwnProperty.call(payload, name)) throw new Failure('disclosure');
      claims[name] = arr[2];
    }
    var now = Date.now() / 1000;
    if (typeof payload.nbf === 'number' && payload.nbf > now + 60)
      throw new Failure('not-yet-valid');
    var result = { status: 'valid', claims: claims, payload: payload };
    var status = payload.status && payload.status.status_list;
    if (await revoked(status))
      return Object.assign(result, { status: 'revoked', reason: 'revoked' });
    if (typeof payload.exp === 'number' && payload.exp <= now)
      return Object.assign(result, { status: 'expired', reason: 'expired' });
    return result;
  }

  function day(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return String(value);
    var date = new Date(value + 'T00:00:00Z');
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  function instant(seconds) {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Vilnius' }).format(
      new Date(seconds * 1000),
    );
  }
  function typeName(type) {
    return (data.typeNames[lang] || {})[type] || type;
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }
  function list(rows) {
    var dl = el('dl', undefined, 'facts');
    rows.forEach(function (r) {
      dl.appendChild(el('dt', r[0]));
      var dd = el('dd');
      if (typeof r[1] === 'string') dd.textContent = r[1];
      else dd.appendChild(r[1]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function claimValue(name, value) {
    if (name === 'picture') {
      var img = el('img', undefined, 'photo');
      img.alt = t('photo.alt');
      img.src = String(value);
      return img;
    }
    if (name === 'right_to_work') return t(value ? 'yes' : 'no');
    if (name === 'permit_type') return typeName(value);
    if (name === 'permit_ground') return value == null ? t('groundNone') : String(value);
    if (name === 'birthdate' || name === 'valid_from' || name === 'valid_until') return day(value);
    return String(value);
  }

  function render(r) {
    var box = $('result');
    box.textContent = '';
    box.className = 'result result--' + r.status;
    box.setAttribute('data-status', r.status);
    box.appendChild(el('h2', t('status.' + r.status), 'verdict'));
    box.appendChild(el('p', t('statusLead.' + r.status)));
    if (r.reason) box.appendChild(el('p', t('reasonLabel') + ': ' + t('reason.' + r.reason)));
    box.appendChild(el('h3', t('facts.heading')));
    if (r.status === 'invalid') {
      box.appendChild(el('p', t('facts.notTrusted')));
      return;
    }
    var names = data.claimOrder.filter(function (n) {
      return Object.prototype.hasOwnProperty.call(r.claims, n);
    });
    if (names.length === 0) box.appendChild(el('p', t('facts.none')));
    else
      box.appendChild(
        list(
          names.map(function (n) {
            return [t('claim.' + n), claimValue(n, r.claims[n])];
          }),
        ),
      );
    var p = r.payload;
    var about = [[t('about.issuer'), p.iss]];
    about.push([t('about.type'), typeName(p.vct.slice(p.vct.lastIndexOf('/') + 1))]);
    if (typeof p.iat === 'number') about.push([t('about.issuedAt'), instant(p.iat)]);
    if (typeof p.exp === 'number') about.push([t('about.expiresAt'), instant(p.exp)]);
    box.appendChild(el('h3', t('about.heading')));
    box.appendChild(list(about));
  }

  async function onVerify() {
    var text = $('credential').value.replace(/\s+/g, '');
    if (!text) {
      last = null;
      var box = $('result');
      box.textContent = t('app.empty');
      box.removeAttribute('data-status');
      box.className = 'result';
      return;
    }
    try {
      last = await check(text);
    } catch (e) {
      last = {
        status: 'invalid',
        reason: e instanceof Failure ? e.reason : 'malformed',
        claims: {},
      };
    }
    render(last);
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (e) {
      e.textContent = t(e.getAttribute('data-i18n'));
    });
    document.title = t('app.title');
    var date = new Intl.DateTimeFormat(lang, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Vilnius',
    }).format(new Date(data.dataDate));
    $('data-date').textContent = t('app.dataFrom', { date: date });
    if (last) render(last);
  }

  $('language').addEventListener('change', function (e) {
    lang = e.target.value;
    applyLanguage();
  });
  if (!(window.crypto && crypto.subtle && typeof DecompressionStream === 'function')) {
    $('unsupported').hidden = false;
    $('verify-button').disabled = true;
    return;
  }
  $('verify-button').addEventListener('click', onVerify);
})();
