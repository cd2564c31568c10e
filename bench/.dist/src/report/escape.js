// Escaping of untrusted text (anything that came from AWS is student-controlled) for each output medium.
// Every reporter that is not the console goes through one of these; the console uses forTerminal (sanitize.ts).
/** Characters XML 1.0 forbids: C0 controls except tab/LF/CR, lone surrogates, U+FFFE and U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** C1 controls and DEL: allowed in XML but meaningful to terminals and invisible everywhere. */
const C1 = /[\u007f-\u009f]/g;
/** Drops the characters XML 1.0 forbids and the C1 controls; keeps tab, LF and CR. */
export function dropForbidden(text) {
    return text.replace(XML_FORBIDDEN, "").replace(C1, "");
}
/** Text for XML character data: `& < >` escaped (and `"` `'` so the same text is also attribute-safe; CR as `&#13;` so it survives end-of-line normalisation). */
export function xmlText(text) {
    return dropForbidden(text).replace(/[&<>"'\r]/g, (ch) => XML_ENTITY[ch]);
}
/** Text for an XML attribute value in double quotes: also keeps tab/LF/CR from attribute-value normalisation. */
export function xmlAttr(text) {
    return xmlText(text).replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
const XML_ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };
const HTML_ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
/** Text for HTML content or a quoted attribute value. */
export function html(text) {
    return dropForbidden(text).replace(/[&<>"'`]/g, (ch) => HTML_ENTITY[ch]);
}
/**
 * Text for one Markdown (GFM) table cell or inline run: no markup, no HTML, no table breakout, no mention.
 * Backslash first (so `\|` cannot un-escape our `\|`), then the punctuation that starts markup,
 * `< > & "` as entities, newlines as `<br>`, `@name` broken with a zero-width space so a PR comment pings nobody,
 * and the `:` of `scheme://` and the first `w` of `www.` as entities so GFM does not autolink student URLs.
 */
export function mdText(text) {
    return dropForbidden(text)
        .replace(/[\\`*_[\]|~#!()]/g, (ch) => `\\${ch}`)
        .replace(/[&<>"]/g, (ch) => HTML_ENTITY[ch])
        .replace(/@(?=\w)/g, "@\u200b")
        .replace(/:(?=\/\/)/g, "&#58;")
        .replace(/\bw(?=ww\.)/gi, (w) => `&#${w.charCodeAt(0)};`)
        .replace(/\r\n|\r|\n/g, "<br>");
}
/** One CSV field per RFC 4180, neutralised against spreadsheet formula injection (a text cell starting with = + - @ tab CR gets a leading '). */
export function csvField(value, opts = {}) {
    let s = typeof value === "number" ? String(value) : dropForbidden(value);
    if (typeof value === "string" && opts.formula !== false && /^[=+\-@\t\r]/.test(s))
        s = `'${s}`;
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** Data (the message) of a GitHub workflow command: `%`, CR and LF percent-encoded. */
export function ghData(text) {
    return dropForbidden(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
/** A property value of a GitHub workflow command: as data, plus `:` and `,`. */
export function ghProperty(text) {
    return ghData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
